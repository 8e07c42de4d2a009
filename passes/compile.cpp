#include "passes/compile.h"

namespace bpc::passes {

CompileResult compile(SourceManager& sources, const std::vector<std::string>& roots,
                      const lowering::LoadOptions& options, const Instrumentation& instrumentation,
                      DiagnosticEngine& diagnostics) {
  lowering::CheckResult checked = lowering::check_program(sources, roots, options, diagnostics);
  CompileResult result{std::move(checked.program), std::move(checked.module), false};
  if (!result.module || diagnostics.has_errors()) return result;
  std::vector<FileId> files;
  for (const lowering::ProgramFile& file : result.program.files) files.push_back(file.parsed.file);
  result.pipeline_completed = standard_pipeline().run(*result.module, files, diagnostics, instrumentation);
  return result;
}

}  // namespace bpc::passes
