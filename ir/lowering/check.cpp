#include "ir/lowering/check.h"

#include "ir/lowering/lowerer.h"

namespace bpc::lowering {

CheckResult check_program(SourceManager& sources, const std::vector<std::string>& roots,
                          const LoadOptions& options, DiagnosticEngine& diagnostics) {
  CheckResult result{load_program(sources, roots, options, diagnostics), std::nullopt};
  for (const ProgramFile& file : result.program.files) check_literals(file.parsed, diagnostics);
  if (diagnostics.has_errors()) return result;
  result.module = lower(result.program, diagnostics);
  return result;
}

}  // namespace bpc::lowering
