// Compiles: BP2001's format takes one argument and gets one. The twin of
// report_wrong_arguments.cpp, which must not compile (tests/CMakeLists.txt).
#include "frontend/diagnostics/diagnostic_engine.h"

void report(bpc::DiagnosticEngine& engine) {
  (void)engine.report<bpc::DiagnosticKind::DuplicateDeclaration>(bpc::SourceSpan{}, "Order");
}
