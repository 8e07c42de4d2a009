#include "ir/lowering/check.h"

#include "ir/lowering/lowerer.h"

namespace bpc::lowering {

CheckResult check_program(SourceManager& sources, const std::vector<std::string>& roots,
                          const LoadOptions& options, DiagnosticEngine& diagnostics) {
  CheckResult result{load_program(sources, roots, options, diagnostics), std::nullopt};
  result.module = check_loaded(result.program, diagnostics);
  return result;
}

std::optional<ir::Module> check_loaded(const Program& program, DiagnosticEngine& diagnostics) {
  for (const ProgramFile& file : program.files) check_literals(file.parsed, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return lower(program, diagnostics);
}

}  // namespace bpc::lowering
