// `bpc check FILE...`: loads the files and everything they import, and runs every check:
// syntax, literal values, names, types, relations, workflows, policies, APIs (through the pass
// pipeline, which also checks routes) and style. Reports all diagnostics in source order.

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "passes/compile.h"

namespace bpc::cli {

CommandRunner add_check_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    lowering::LoadOptions load;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("check", "Check blueprints and report every problem");
  command->add_option("files", options->files, "Blueprint files (.bpl); the files they import are checked too")
      ->required();
  command->add_option("-I,--import-path", options->load.search_paths,
                      "Where to look for imported files not found beside the importing file");
  options->diagnostics.add_to(*command);
  return [options] {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    (void)passes::compile(sources, options->files, options->load, passes::Instrumentation{}, diagnostics);
    options->diagnostics.print(sources, diagnostics);
    return exit_code_for(diagnostics);
  };
}

}  // namespace bpc::cli
