// `bpc check FILE...`: loads the files and everything they import, and runs every check:
// syntax, literal values, names, types, relations, workflows, policies, APIs (through the pass
// pipeline, which also checks routes) and style. Reports all diagnostics in source order.
// `--stats` prints the size of the input and the time of each phase as JSON, for benchmarks.
// The command ends the process without freeing the compilation (cli/exit_without_teardown.h).

#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_without_teardown.h"
#include "passes/compile.h"

namespace bpc::cli {

CommandRunner add_check_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    lowering::LoadOptions load;
    bool stats = false;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("check", "Check blueprints and report every problem");
  command->add_option("files", options->files, "Blueprint files (.bpl); the files they import are checked too")
      ->required();
  command->add_option("-I,--import-path", options->load.search_paths,
                      "Where to look for imported files not found beside the importing file");
  command->add_flag("--stats", options->stats,
                    "Print input size and per-phase times as JSON on stdout (for benchmarks)");
  options->diagnostics.add_to(*command);
  return [options]() -> int {
    using Clock = std::chrono::steady_clock;
    const auto seconds = [](Clock::time_point from, Clock::time_point to) {
      return std::chrono::duration<double>(to - from).count();
    };
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const auto start = Clock::now();
    lowering::Program program = lowering::load_program(sources, options->files, options->load, diagnostics);
    const auto loaded = Clock::now();
    std::optional<ir::Module> module = lowering::check_loaded(program, diagnostics);
    lowering::release_syntax(program);  // the passes and the diagnostics need only the source text
    const auto lowered = Clock::now();
    if (module && !diagnostics.has_errors()) {
      (void)passes::run_pipeline(*module, program, passes::Instrumentation{}, diagnostics);
    }
    const auto finished = Clock::now();
    options->diagnostics.print(sources, diagnostics);
    if (options->stats) {
      std::uint64_t bytes = 0;
      for (const lowering::ProgramFile& file : program.files) bytes += sources.file(file.parsed.file).size();
      const nlohmann::json stats = {
          {"files", program.files.size()},
          {"bytes", bytes},
          {"entities", module ? module->entities.size() : 0},
          {"operations", module ? module->operations.size() : 0},
          {"load_parse_seconds", seconds(start, loaded)},
          {"lower_seconds", seconds(loaded, lowered)},
          {"passes_seconds", seconds(lowered, finished)},
          {"total_seconds", seconds(start, finished)}};
      std::cout << stats.dump() << "\n";
    }
    exit_without_teardown(exit_code_for(diagnostics));
  };
}

}  // namespace bpc::cli
