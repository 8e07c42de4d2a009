// SARIF 2.1.0 output: one run of the tool "bpc" whose rules are the diagnostic kinds that
// occur, with results carrying regions (1-based lines, UTF-16 columns, as SARIF's default
// columnKind says), related locations for labels, and fixes as artifact changes.

#include <map>

#include <nlohmann/json.hpp>

#include "frontend/diagnostics/render.h"

namespace bpc {

namespace {

using nlohmann::json;

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

json region_json(const SourceFile& file, SourceSpan span) {
  const std::uint32_t begin = std::min(span.begin, file.size());
  const std::uint32_t end = std::min(std::max(span.end, span.begin), file.size());
  const Utf16Position start = file.utf16_position(begin);
  const Utf16Position stop = file.utf16_position(end);
  return {{"startLine", start.line + 1}, {"startColumn", start.character + 1},
          {"endLine", stop.line + 1},    {"endColumn", stop.character + 1},
          {"charOffset", begin},         {"charLength", end - begin}};
}

json location_json(const SourceManager& sources, SourceSpan span) {
  const SourceFile& file = sources.file(span.file);
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", file.path()}}}, {"region", region_json(file, span)}}}};
}

}  // namespace

void render_sarif(std::ostream& out, const SourceManager& sources,
                  const SelectedDiagnostics& selected) {
  json rules = json::array();
  std::map<DiagnosticKind, std::size_t> rule_index;
  json results = json::array();
  for (const Diagnostic& diagnostic : selected.shown) {
    const DiagnosticInfo& kind = info(diagnostic.kind);
    auto [it, inserted] = rule_index.emplace(diagnostic.kind, rules.size());
    if (inserted) {
      rules.push_back({{"id", kind.code},
                       {"name", kind.name},
                       {"shortDescription", {{"text", kind.format}}},
                       {"defaultConfiguration", {{"level", sarif_level(kind.severity)}}}});
    }
    std::string text = diagnostic.message;
    for (const std::string& note : diagnostic.notes) text += "\nnote: " + note;
    json result = {{"ruleId", kind.code},
                   {"ruleIndex", it->second},
                   {"level", sarif_level(diagnostic.severity)},
                   {"message", {{"text", text}}}};
    if (!diagnostic.span.file.is_none()) {
      result["locations"] = json::array({location_json(sources, diagnostic.span)});
    }
    json related = json::array();
    for (std::size_t i = 0; i < diagnostic.labels.size(); ++i) {
      const Label& label = diagnostic.labels[i];
      if (label.span.file.is_none()) continue;
      json location = location_json(sources, label.span);
      location["id"] = i;
      location["message"] = {{"text", label.message}};
      related.push_back(location);
    }
    if (!related.empty()) result["relatedLocations"] = related;
    json fixes = json::array();
    for (const Fix& fix : diagnostic.fixes) {
      std::map<std::uint32_t, json> changes;  // by file
      for (const TextEdit& edit : fix.edits) {
        if (edit.span.file.is_none()) continue;
        json& change = changes[edit.span.file.index];
        if (change.is_null()) {
          change = {{"artifactLocation", {{"uri", sources.file(edit.span.file).path()}}},
                    {"replacements", json::array()}};
        }
        change["replacements"].push_back(
            {{"deletedRegion", region_json(sources.file(edit.span.file), edit.span)},
             {"insertedContent", {{"text", edit.replacement}}}});
      }
      json artifact_changes = json::array();
      for (auto& [file, change] : changes) artifact_changes.push_back(std::move(change));
      fixes.push_back({{"description", {{"text", fix.description}}},
                       {"artifactChanges", artifact_changes}});
    }
    if (!fixes.empty()) result["fixes"] = fixes;
    results.push_back(std::move(result));
  }
  const json document = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::array({{{"tool",
                       {{"driver",
                         {{"name", "bpc"},
                          {"semanticVersion", BPC_VERSION},
                          {"rules", rules}}}}},
                      {"columnKind", "utf16CodeUnits"},
                      {"results", results}}})}};
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace bpc
