// `bpc diff OLD NEW`: the semantic diff of two versions of a blueprint, like `buf breaking`.
// Both versions are loaded and checked (each with its imports); declarations are matched by
// name, and every change is printed with the compatibility categories it breaks (WIRE, HTTP,
// SOURCE; docs/diff.md has the rule for each kind of change). `--breaking` turns the diff into a
// gate: exit 1 when a change breaks one of the selected categories.

#include <iostream>

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_codes.h"
#include "cli/input_files.h"
#include "driver/compilation.h"
#include "passes/diff/diff_report.h"
#include "passes/diff/semantic_diff.h"

namespace bpc::cli {

CommandRunner add_diff_command(CLI::App& app) {
  struct Options {
    std::string old_file;
    std::string new_file;
    ImportOptions imports;
    bool breaking = false;
    std::string format = "text";
    std::vector<std::string> categories;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "diff", "Compare two versions of a blueprint and report what changed and what it breaks");
  command->add_option("old", options->old_file, "The old version (a blueprint file; its imports are loaded too)")
      ->required();
  command->add_option("new", options->new_file, "The new version")->required();
  options->imports.add_to(*command);
  command->add_flag("--breaking", options->breaking,
                    "Exit 1 when a change breaks one of the selected categories");
  command->add_option("--format", options->format, "Output: text (one line per change) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command
      ->add_option("--categories", options->categories,
                   "Categories that count as breaking, comma-separated: WIRE (the JSON of records "
                   "and events), HTTP (routes, parameters, results, access), SOURCE (the generated "
                   "code's names and types); default all three")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            diff::Category category;
            return diff::parse_category(value, category)
                       ? std::string()
                       : "unknown category `" + value + "`; expected WIRE, HTTP or SOURCE";
          },
          "CATEGORY"));
  options->diagnostics.add_to(*command, "--diagnostic-format");
  command->footer(
      "Declarations are matched by name, so a rename is a removal plus an addition. Every change "
      "is printed; with --breaking the exit code is 1 when one breaks a selected category. The "
      "rule for each kind of change is in docs/diff.md.\n"
      "Exit codes: 0 both versions check (and, with --breaking, nothing selected breaks), 1 a "
      "version has errors (printed like `bpc check`) or --breaking found a breaking change, "
      "2 usage or I/O error.");

  return [options] {
    diff::Categories selected;
    for (const std::string& name : options->categories) {
      diff::Category category;
      if (diff::parse_category(name, category)) selected |= category;
    }
    if (options->categories.empty()) selected = diff::Categories::all();

    const driver::DiskFileSystem disk;
    const auto compile = [&](const std::string& file, SourceManager sources) {
      driver::CompileOptions compile_options = options->imports.compile_options({file});
      compile_options.stop_after = driver::Phase::Check;
      return driver::compile(disk, compile_options, nullptr, std::move(sources));
    };
    driver::Compilation before = compile(options->old_file, {});
    // The new version's sources follow the old one's, so one source manager shows both.
    driver::Compilation after = compile(options->new_file, before.sources);
    const SourceManager& sources = after.sources;
    if (before.diagnostics.has_errors() || after.diagnostics.has_errors() || !before.module || !after.module) {
      DiagnosticEngine diagnostics;
      diagnostics.absorb(std::move(before.diagnostics));
      diagnostics.absorb(std::move(after.diagnostics));
      options->diagnostics.print(sources, diagnostics);
      return exit_code_for_failure(diagnostics);
    }
    // Warnings of versions that check are not the diff's business (`bpc check` shows them).

    const std::vector<diff::Change> changes = diff::diff_modules(*before.module, *after.module);
    const diff::Locator locate = [&](bool is_new, const ir::Location& location) -> std::optional<diff::SourceRange> {
      const lowering::Program& program = is_new ? after.program : before.program;
      if (location.file >= program.files.size()) return std::nullopt;
      return diff::SourceRange{&sources.file(program.files[location.file].parsed.file), location.begin,
                               location.end};
    };
    if (options->format == "json") {
      diff::print_json(std::cout, changes, selected, locate);
    } else {
      diff::print_text(std::cout, changes, selected, locate);
    }
    if (options->breaking && diff::count_breaking(changes, selected) > 0) return kExitErrors;
    return kExitClean;
  };
}

}  // namespace bpc::cli
