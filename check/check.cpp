#include "check/check.h"

namespace bpc::lowering {

std::optional<ir::Module> check_loaded(const Program& program, DiagnosticEngine& diagnostics,
                                       const LowerOptions& options) {
  for (const ProgramFile& file : program.files) check_literals(file.parsed, diagnostics);
  return lower(program, diagnostics, options);
}

}  // namespace bpc::lowering
