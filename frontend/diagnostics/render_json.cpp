// JSON diagnostics: one document with every shown diagnostic and a summary. The shape is
// documented in docs/diagnostics.md and versioned by its "version" field.

#include <nlohmann/json.hpp>

#include "frontend/diagnostics/render.h"

namespace bpc {

namespace {

using nlohmann::json;

json position_json(const SourceFile& file, std::uint32_t offset) {
  offset = std::min(offset, file.size());
  const LineColumn at = file.line_column(offset);
  const Utf16Position lsp = file.utf16_position(offset);
  return {{"offset", offset}, {"line", at.line}, {"column", at.column},
          {"utf16Column", lsp.character}};
}

json span_json(const SourceManager& sources, SourceSpan span) {
  if (span.file.is_none()) return nullptr;
  const SourceFile& file = sources.file(span.file);
  return {{"file", file.path()},
          {"start", position_json(file, span.begin)},
          {"end", position_json(file, std::max(span.begin, span.end))}};
}

}  // namespace

void render_json(std::ostream& out, const SourceManager& sources,
                 const SelectedDiagnostics& selected, const DiagnosticEngine& engine) {
  json diagnostics = json::array();
  for (const Diagnostic& diagnostic : selected.shown) {
    json labels = json::array();
    for (const Label& label : diagnostic.labels) {
      labels.push_back({{"span", span_json(sources, label.span)}, {"message", label.message}});
    }
    json fixes = json::array();
    for (const Fix& fix : diagnostic.fixes) {
      json edits = json::array();
      for (const TextEdit& edit : fix.edits) {
        edits.push_back(
            {{"span", span_json(sources, edit.span)}, {"replacement", edit.replacement}});
      }
      fixes.push_back({{"description", fix.description}, {"edits", edits}});
    }
    const DiagnosticInfo& kind = info(diagnostic.kind);
    diagnostics.push_back({{"code", kind.code},
                           {"name", kind.name},
                           {"severity", severity_name(diagnostic.severity)},
                           {"message", diagnostic.message},
                           {"span", span_json(sources, diagnostic.span)},
                           {"labels", labels},
                           {"notes", diagnostic.notes},
                           {"fixes", fixes}});
  }
  const json document = {{"version", 1},
                         {"diagnostics", diagnostics},
                         {"summary",
                          {{"errors", engine.error_count()},
                           {"warnings", engine.warning_count()},
                           {"hiddenErrors", selected.hidden_errors}}}};
  // Invalid UTF-8 never reaches here (sources are validated), but replace rather than throw.
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace bpc
