// Code actions: the fixes bpc's diagnostics carry ("did you mean", a missing import, a misspelt
// decorator...), offered as quick fixes for the diagnostics that touch the requested range.

#include "lsp/features.h"

namespace bpc::lsp {

Json code_actions(const FileView& view, Range range) {
  Json actions = Json::array();
  const std::uint32_t begin = view.offset(range.start), end = view.offset(range.end);
  for (const Diagnostic& diagnostic : view.compilation.diagnostics.diagnostics()) {
    if (diagnostic.fixes.empty() || diagnostic.span.file != view.file) continue;
    if (diagnostic.span.end < begin || diagnostic.span.begin > end) continue;
    const Json lsp_diagnostic = diagnostic_json(view.compilation, diagnostic, view.encoding);
    for (const Fix& fix : diagnostic.fixes) {
      actions.push_back({{"title", fix.description},
                         {"kind", "quickfix"},
                         {"diagnostics", Json::array({lsp_diagnostic})},
                         {"isPreferred", diagnostic.fixes.size() == 1},
                         {"edit", workspace_edit_json(view.compilation, fix.edits, view.encoding)}});
    }
  }
  return actions;
}

}  // namespace bpc::lsp
