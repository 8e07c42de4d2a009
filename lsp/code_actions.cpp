// Code actions: the fixes bpc's diagnostics carry ("did you mean", a missing import, a misspelt
// decorator, a misspelt setting of the project file...), offered as quick fixes for the
// diagnostics that touch the requested range.

#include "lsp/features.h"

namespace bpc::lsp {

Json quick_fixes(const SourceManager& sources, const DiagnosticEngine& diagnostics, FileId file, std::uint32_t begin,
                 std::uint32_t end, PositionEncoding encoding) {
  Json actions = Json::array();
  for (const Diagnostic& diagnostic : diagnostics.diagnostics()) {
    if (diagnostic.fixes.empty() || diagnostic.span.file != file) continue;
    if (diagnostic.span.end < begin || diagnostic.span.begin > end) continue;
    const Json lsp_diagnostic = diagnostic_json(sources, diagnostic, encoding);
    for (const Fix& fix : diagnostic.fixes) {
      actions.push_back({{"title", fix.description},
                         {"kind", "quickfix"},
                         {"diagnostics", Json::array({lsp_diagnostic})},
                         {"isPreferred", diagnostic.fixes.size() == 1},
                         {"edit", workspace_edit_json(sources, fix.edits, encoding)}});
    }
  }
  return actions;
}

Json code_actions(const FileView& view, Range range) {
  return quick_fixes(view.compilation.sources, view.compilation.diagnostics, view.file, view.offset(range.start),
                     view.offset(range.end), view.encoding);
}

}  // namespace bpc::lsp
