// `bpc check FILE...`: parses every file and runs every check there is (today: syntax and
// literal values), then reports all diagnostics in source order.

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/input_files.h"
#include "frontend/frontend.h"

namespace bpc::cli {

CommandRunner add_check_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("check", "Check blueprints and report every problem");
  command->add_option("files", options->files, "Blueprint files (.bpl); - reads standard input")
      ->required();
  options->diagnostics.add_to(*command);
  return [options] {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    for (FileId file : load_inputs(options->files, sources, diagnostics)) {
      const ParsedFile parsed = parse_file(sources, file, diagnostics);
      check_literals(parsed, diagnostics);
    }
    options->diagnostics.print(sources, diagnostics);
    return exit_code_for(diagnostics);
  };
}

}  // namespace bpc::cli
