#include "lsp/protocol.h"

#include <map>

#include "lsp/uri.h"

namespace bpc::lsp {

namespace {

[[noreturn]] void invalid(std::string_view name, std::string_view what) {
  throw ProtocolError(ErrorCode::InvalidParams, "`" + std::string(name) + "` " + std::string(what));
}

std::uint32_t unsigned_member(const Json& object, std::string_view name) {
  const Json& value = member(object, name);
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > UINT32_MAX) {
    invalid(name, "must be a non-negative integer");
  }
  return value.get<std::uint32_t>();
}

}  // namespace

const Json& member(const Json& object, std::string_view name) {
  if (!object.is_object()) invalid(name, "is missing: its parent is not an object");
  const auto found = object.find(name);
  if (found == object.end()) invalid(name, "is missing");
  return *found;
}

std::string string_member(const Json& object, std::string_view name) {
  const Json& value = member(object, name);
  if (!value.is_string()) invalid(name, "must be a string");
  return value.get<std::string>();
}

std::int64_t integer_member(const Json& object, std::string_view name) {
  const Json& value = member(object, name);
  if (!value.is_number_integer()) invalid(name, "must be an integer");
  return value.get<std::int64_t>();
}

Position position_from_json(const Json& json) {
  return {unsigned_member(json, "line"), unsigned_member(json, "character")};
}

Range range_from_json(const Json& json) {
  Range range{position_from_json(member(json, "start")), position_from_json(member(json, "end"))};
  if (range.end < range.start) std::swap(range.start, range.end);
  return range;
}

std::string document_uri(const Json& params) { return string_member(member(params, "textDocument"), "uri"); }

Json to_json(const Position& position) { return {{"line", position.line}, {"character", position.character}}; }

Json to_json(const Range& range) { return {{"start", to_json(range.start)}, {"end", to_json(range.end)}}; }

Json location_json(std::string_view uri, const Range& range) { return {{"uri", uri}, {"range", to_json(range)}}; }

Json text_edit_json(const Range& range, std::string_view new_text) {
  return {{"range", to_json(range)}, {"newText", new_text}};
}

std::string file_uri(const SourceManager& sources, FileId file) {
  return path_to_uri(sources.file(file).path());
}

Range span_range(const SourceManager& sources, SourceSpan span, PositionEncoding encoding) {
  const PositionMapper mapper(sources.file(span.file), encoding);
  return mapper.range(span.begin, span.end);
}

Json span_location(const SourceManager& sources, SourceSpan span, PositionEncoding encoding) {
  return location_json(file_uri(sources, span.file), span_range(sources, span, encoding));
}

Json diagnostic_json(const SourceManager& sources, const Diagnostic& diagnostic, PositionEncoding encoding) {
  const DiagnosticInfo& kind = info(diagnostic.kind);
  std::string message = diagnostic.message;
  for (const std::string& note : diagnostic.notes) message += "\nnote: " + note;
  Json json = {
      {"range", diagnostic.span.file.is_none() ? to_json(Range{}) : to_json(span_range(sources, diagnostic.span, encoding))},
      {"severity", diagnostic.severity == Severity::Error ? 1 : diagnostic.severity == Severity::Warning ? 2 : 3},
      {"code", kind.code},
      {"source", "bpc"},
      {"message", message},
  };
  if (!diagnostic.labels.empty()) {
    Json related = Json::array();
    for (const Label& label : diagnostic.labels) {
      if (label.span.file.is_none()) continue;
      related.push_back({{"location", span_location(sources, label.span, encoding)},
                         {"message", label.message.empty() ? std::string("here") : label.message}});
    }
    json["relatedInformation"] = std::move(related);
  }
  return json;
}

Json workspace_edit_json(const SourceManager& sources, std::span<const TextEdit> edits, PositionEncoding encoding) {
  std::map<std::string, Json> changes;
  for (const TextEdit& edit : edits) {
    Json& edits = changes[file_uri(sources, edit.span.file)];
    if (edits.is_null()) edits = Json::array();
    edits.push_back(text_edit_json(span_range(sources, edit.span, encoding), edit.replacement));
  }
  Json json = Json::object();
  for (auto& [uri, edits] : changes) json[uri] = std::move(edits);
  return {{"changes", std::move(json)}};
}

}  // namespace bpc::lsp
