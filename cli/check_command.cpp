// `bpc check FILE...`: loads the files and everything they import, and runs every check:
// syntax, literal values, names, types, relations, workflows, policies, APIs (through the pass
// pipeline, which also checks routes) and style. Reports all diagnostics in source order.
// Without files it checks the project file's `sources` (driver/project.h), whose settings apply
// either way. It generates nothing, so desugared operations get no parameters
// (passes::PipelineOptions): the diagnostics are the same, the passes take half the time. `--stats` prints the size of the input and the time of each phase as JSON, for benchmarks.
// The command ends the process without freeing the compilation (cli/exit_without_teardown.h).

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_without_teardown.h"
#include "cli/input_files.h"
#include "backends/backend.h"
#include "driver/compilation.h"

namespace bpc::cli {

CommandRunner add_check_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::vector<std::string> targets;
    ImportOptions imports;
    ProjectOptions project;
    bool stats = false;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("check", "Check blueprints and report every problem");
  command->add_option("files", options->files, "Blueprint files (.bpl); the files they import are checked too. Default: the "
                      "project file's `sources`");
  std::vector<std::string> target_names = backends::standard_backends().known_names();  // planned ones too
  target_names.push_back("all");
  command->add_option("-t,--target", options->targets,
                      "Also warn about names the target's language reserves (repeatable, or `all`); "
                      "the blueprint's `target` blocks always count")
      ->check(CLI::IsMember(target_names))
      ->allow_extra_args(false);
  options->imports.add_to(*command);
  options->project.add_to(*command);
  command->add_flag("--stats", options->stats,
                    "Print input size and per-phase times as JSON on stdout (for benchmarks)");
  options->diagnostics.add_to(*command);
  return [options]() -> int {
    const driver::DiskFileSystem disk;
    ProjectSetup setup = options->project.load(disk, options->files);
    if (const std::optional<int> refused = setup.refusal("check", options->diagnostics)) return *refused;
    driver::CompileOptions compile_options = setup.compile_options(options->imports, options->targets);
    compile_options.operation_parameters = false;  // nothing is generated; the diagnostics are the same
    const driver::Compilation compilation = setup.compile(disk, compile_options);
    options->diagnostics.print(compilation.sources, compilation.diagnostics);
    if (options->stats) {
      std::uint64_t bytes = 0;
      for (const lowering::ProgramFile& file : compilation.program.files) {
        bytes += compilation.sources.file(file.parsed.file).size();
      }
      const std::optional<ir::Module>& module = compilation.module;
      const driver::PhaseTimes& times = compilation.times;
      const nlohmann::json stats = {{"files", compilation.program.files.size()},
                                    {"bytes", bytes},
                                    {"entities", module ? module->entities.size() : 0},
                                    {"operations", module ? module->operations.size() : 0},
                                    {"load_parse_seconds", times.load_parse},
                                    {"lower_seconds", times.lower},
                                    {"passes_seconds", times.passes},
                                    {"total_seconds", times.load_parse + times.lower + times.passes}};
      std::cout << stats.dump() << "\n";
    }
    exit_without_teardown(exit_code_for(compilation.diagnostics));
  };
}

}  // namespace bpc::cli
