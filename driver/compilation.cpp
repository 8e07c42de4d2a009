#include "driver/compilation.h"

#include "backends/backend.h"
#include "check/check.h"
#include "passes/standard_passes.h"

namespace bpc::driver {

namespace {

std::optional<Interrupt::Clock::time_point> deadline_of(const Budgets& budgets, Interrupt::Clock::time_point start) {
  if (!budgets.time_limit) return std::nullopt;
  return start + *budgets.time_limit;
}

void report_interrupted(Interrupted::Reason reason, const Budgets& budgets, DiagnosticEngine& diagnostics) {
  if (reason == Interrupted::Reason::Cancelled) {
    (void)diagnostics.report<DiagnosticKind::CompilationCancelled>(SourceSpan{});
  } else {
    (void)diagnostics.report<DiagnosticKind::TimeLimitExceeded>(SourceSpan{},
                             budgets.time_limit ? budgets.time_limit->count() : 0);
  }
}

}  // namespace

std::vector<FileId> Compilation::module_files() const {
  std::vector<FileId> files;
  files.reserve(program.files.size());
  for (const lowering::ProgramFile& file : program.files) files.push_back(file.parsed.file);
  return files;
}

Compilation compile(const FileSystem& files, const CompileOptions& options, ParsedFileSource* parser,
                    SourceManager sources) {
  using Clock = Interrupt::Clock;
  const auto since = [](Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); };
  Compilation compilation;
  compilation.sources = std::move(sources);
  const auto start = Clock::now();
  const Interrupt interrupt(options.cancellation, deadline_of(options.budgets, start));
  FreshParse fresh;
  const LoadRequest request{options.inputs, options.import_roots, options.search_paths, options.budgets};
  try {
    LoadedProgram loaded = load_program(files, request, compilation.sources, compilation.diagnostics,
                                        parser != nullptr ? *parser : fresh, interrupt);
    compilation.program = std::move(loaded.program);
    compilation.budget_exhausted = loaded.exhausted;
    compilation.times.load_parse = since(start);
    // A program cut short by a budget is not lowered: what is missing would only cause false errors.
    if (options.stop_after == Phase::Parse || compilation.budget_exhausted) return compilation;
    const auto lowering_start = Clock::now();
    // The standard registry's names are fixed: made once per process, not per compilation.
    static const std::vector<std::string> kStandardTargets = backends::standard_backends().known_names();
    const std::vector<std::string>& known_targets =
        options.known_targets.empty() ? kStandardTargets : options.known_targets;
    if (options.build_index) compilation.index.emplace();
    compilation.module = lowering::check_loaded(
        compilation.program, compilation.diagnostics,
        lowering::LowerOptions{&interrupt, &known_targets, &options.selected_targets,
                               compilation.index ? &*compilation.index : nullptr});
    if (!options.keep_syntax) lowering::release_syntax(compilation.program);
    compilation.times.lower = since(lowering_start);
    if (options.stop_after == Phase::Check || !compilation.module || compilation.diagnostics.has_errors()) {
      return compilation;
    }
    const auto passes_start = Clock::now();
    passes::Instrumentation instrumentation = options.instrumentation;
    instrumentation.interrupt = &interrupt;
    compilation.pipeline_completed =
        passes::standard_pipeline({.eliminate_dead = instrumentation.eliminate_dead,
                                   .operation_parameters = options.operation_parameters})
            .run(*compilation.module, compilation.module_files(), compilation.diagnostics, instrumentation);
    compilation.times.passes = since(passes_start);
  } catch (const Interrupted& stopped) {
    compilation.interrupted = stopped.reason();
    compilation.module.reset();
    compilation.index.reset();
    compilation.pipeline_completed = false;
    report_interrupted(stopped.reason(), options.budgets, compilation.diagnostics);
  }
  return compilation;
}

}  // namespace bpc::driver
