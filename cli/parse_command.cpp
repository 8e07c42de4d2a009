// `bpc parse FILE...`: lexes and parses only (the phase the conformance test compares with the
// normative grammar), optionally dumping tokens or the syntax tree, or timing the phases.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/input_files.h"
#include "frontend/frontend.h"
#include "frontend/parse/tree_dump.h"

namespace bpc::cli {

CommandRunner add_parse_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    bool dump_tokens = false;
    bool dump_ast = false;
    bool stats = false;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("parse", "Parse blueprints (syntax only) and optionally dump the result");
  command->add_option("files", options->files, "Blueprint files (.bpl); - reads standard input")
      ->required();
  command->add_flag("--dump-tokens", options->dump_tokens, "Print the token stream");
  command->add_flag("--dump-ast", options->dump_ast, "Print the syntax tree");
  command->add_flag("--stats", options->stats,
                    "Print sizes and in-process lex/parse times as JSON (one object per file)");
  options->diagnostics.add_to(*command);
  return [options] {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const driver::DiskFileSystem disk;
    for (FileId file : load_inputs(disk, options->files, sources, diagnostics)) {
      FrontendTimings timings;
      const ParsedFile parsed = parse_file(sources, file, diagnostics, ParseOptions{}, &timings);
      if (options->stats) {
        const SourceFile& source = sources.file(file);
        const nlohmann::json stats = {
            {"file", source.path()},
            {"bytes", source.size()},
            {"lines", source.line_count()},
            {"tokens", parsed.tokens->size()},
            {"nodes", parsed.tree->size()},
            {"validate_seconds", timings.validate_seconds},
            // The UTF-8 validation pass counts as lexing: both read every byte once.
            {"lex_seconds", timings.validate_seconds + timings.lex_seconds},
            {"parse_seconds", timings.parse_seconds}};
        std::cout << stats.dump() << "\n";
      }
      if (options->dump_tokens) dump_tokens(std::cout, sources.file(file), *parsed.tokens);
      if (options->dump_ast) dump_tree(std::cout, sources.file(file), *parsed.tree);
    }
    options->diagnostics.print(sources, diagnostics);
    return exit_code_for(diagnostics);
  };
}

}  // namespace bpc::cli
