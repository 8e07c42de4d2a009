// Must not compile: BP2001's format takes one argument and gets two. A report whose arguments do
// not fit its format is a build error, never an exception at run time.
#include "frontend/diagnostics/diagnostic_engine.h"

void report(bpc::DiagnosticEngine& engine) {
  (void)engine.report<bpc::DiagnosticKind::DuplicateDeclaration>(bpc::SourceSpan{}, "Order", 2);
}
