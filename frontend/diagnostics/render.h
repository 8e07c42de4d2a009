#pragma once

// Renderers turn collected diagnostics into text for people (file:line:col, the source line,
// carets under the exact span, labels, notes and fixes; colour when asked), JSON for tools, and
// SARIF 2.1.0 for code-scanning services. All three print diagnostics in source order and honour
// the same error limit, so they always agree on what was reported.

#include <cstddef>
#include <ostream>
#include <vector>

#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/source/source_manager.h"

namespace bpc {

enum class DiagnosticFormat { Text, Json, Sarif };

struct RenderOptions {
  DiagnosticFormat format = DiagnosticFormat::Text;
  bool color = false;
  // Show at most this many errors (warnings and notes are not limited); 0 means no limit.
  std::size_t max_errors = 0;
};

// The diagnostics to show, in source order, and how many errors the limit hid.
struct SelectedDiagnostics {
  std::vector<Diagnostic> shown;
  std::size_t hidden_errors = 0;
};
SelectedDiagnostics select_diagnostics(const DiagnosticEngine& engine, std::size_t max_errors);

void render_diagnostics(std::ostream& out, const SourceManager& sources,
                        const DiagnosticEngine& engine, const RenderOptions& options);

void render_human(std::ostream& out, const SourceManager& sources,
                  const SelectedDiagnostics& selected, const DiagnosticEngine& engine,
                  bool color);
void render_json(std::ostream& out, const SourceManager& sources,
                 const SelectedDiagnostics& selected, const DiagnosticEngine& engine);
void render_sarif(std::ostream& out, const SourceManager& sources,
                  const SelectedDiagnostics& selected);

}  // namespace bpc
