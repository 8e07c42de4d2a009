#include "frontend/diagnostics/render.h"

namespace bpc {

SelectedDiagnostics select_diagnostics(const DiagnosticEngine& engine, std::size_t max_errors) {
  SelectedDiagnostics selected;
  std::size_t errors = 0;
  for (Diagnostic& diagnostic : engine.sorted()) {
    if (diagnostic.severity == Severity::Error && max_errors != 0 && errors >= max_errors) {
      ++selected.hidden_errors;
      continue;
    }
    if (diagnostic.severity == Severity::Error) ++errors;
    selected.shown.push_back(std::move(diagnostic));
  }
  return selected;
}

void render_diagnostics(std::ostream& out, const SourceManager& sources,
                        const DiagnosticEngine& engine, const RenderOptions& options) {
  const SelectedDiagnostics selected = select_diagnostics(engine, options.max_errors);
  switch (options.format) {
    case DiagnosticFormat::Text: return render_human(out, sources, selected, engine, options.color);
    case DiagnosticFormat::Json: return render_json(out, sources, selected, engine);
    case DiagnosticFormat::Sarif: return render_sarif(out, sources, selected);
  }
}

}  // namespace bpc
