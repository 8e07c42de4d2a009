#include "passes/compile.h"

namespace bpc::passes {

CompileResult compile(SourceManager& sources, const std::vector<std::string>& roots,
                      const lowering::LoadOptions& options, const Instrumentation& instrumentation,
                      DiagnosticEngine& diagnostics) {
  lowering::CheckResult checked = lowering::check_program(sources, roots, options, diagnostics);
  CompileResult result{std::move(checked.program), std::move(checked.module), false};
  if (!result.module || diagnostics.has_errors()) return result;
  result.pipeline_completed = run_pipeline(*result.module, result.program, instrumentation, diagnostics);
  return result;
}

bool run_pipeline(ir::Module& module, const lowering::Program& program,
                  const Instrumentation& instrumentation, DiagnosticEngine& diagnostics) {
  std::vector<FileId> files;
  for (const lowering::ProgramFile& file : program.files) files.push_back(file.parsed.file);
  return standard_pipeline(instrumentation.eliminate_dead).run(module, files, diagnostics, instrumentation);
}

}  // namespace bpc::passes
