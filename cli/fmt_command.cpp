// `bpc fmt [FILE...]`: prints blueprints in the canonical layout. With --write it rewrites files
// in place; with --check it changes nothing and exits 1 with a diff when a file is not
// formatted. Without files (or with -) it formats standard input to standard output. A file
// with syntax errors is never reformatted: its errors are reported instead.

#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_codes.h"
#include "cli/input_files.h"
#include "frontend/format/formatter.h"
#include "frontend/format/unified_diff.h"
#include "frontend/frontend.h"

namespace bpc::cli {

CommandRunner add_fmt_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    bool check = false;
    bool write = false;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "fmt", "Format blueprints canonically (to stdout, or in place with --write)");
  command->add_option("files", options->files,
                      "Blueprint files (.bpl); none or - reads standard input");
  auto* check = command->add_flag(
      "--check", options->check, "Change nothing; exit 1 and print a diff if a file would change");
  command->add_flag("--write,-w", options->write, "Rewrite files in place")->excludes(check);
  options->diagnostics.add_to(*command);
  return [options] {
    if (options->files.empty()) options->files.push_back("-");
    SourceManager sources;
    DiagnosticEngine diagnostics;
    int result = kExitClean;
    const driver::DiskFileSystem disk;
    for (FileId file : load_inputs(disk, options->files, sources, diagnostics)) {
      const std::size_t errors_before = diagnostics.error_count();
      const ParsedFile parsed = parse_file(sources, file, diagnostics);
      if (diagnostics.error_count() > errors_before) continue;  // reported below
      const SourceFile& source = sources.file(file);
      const std::string formatted = format_tree(*parsed.tree);
      const bool is_stdin = source.path() == "<stdin>";
      if (options->check) {
        if (formatted != source.text()) {
          std::cout << unified_diff(source.text(), formatted, source.path(),
                                    source.path() + " (formatted)");
          result = kExitErrors;
        }
      } else if (options->write && !is_stdin) {
        if (formatted == source.text()) continue;
        std::ofstream out(source.path(), std::ios::binary | std::ios::trunc);
        if (!out.write(formatted.data(), static_cast<std::streamsize>(formatted.size()))) {
          std::cerr << "bpc fmt: cannot write " << source.path() << "\n";
          result = kExitUsage;
        }
      } else {
        std::cout << formatted;
      }
    }
    options->diagnostics.print(sources, diagnostics);
    return std::max(result, exit_code_for(diagnostics));
  };
}

}  // namespace bpc::cli
