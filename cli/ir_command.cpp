// `bpc ir FILE... [--format text|json] [--diagnostic-format ...]`: checks the blueprint, runs the pass pipeline and prints
// the IR: a readable text dump, or the versioned JSON form that plugins and the service consume
// (docs/ir-json.md). Compiler-style controls show the IR between passes:
// --print-before=PASS, --print-after=PASS, --print-after-all, --stop-after=PASS, --time-passes.

#include <iostream>

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_codes.h"
#include "ir/json.h"
#include "ir/printer.h"
#include "cli/input_files.h"
#include "driver/compilation.h"

namespace bpc::cli {

CommandRunner add_ir_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    ImportOptions imports;
    std::string ir_format = "text";
    std::vector<std::string> print_before;
    std::vector<std::string> print_after;
    bool print_after_all = false;
    std::string stop_after;
    bool time_passes = false;
    bool verify_each = false;
    bool eliminate_dead = false;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("ir", "Check blueprints and print their IR (text or JSON)");
  command->add_option("files", options->files, "Blueprint files (.bpl)")->required();
  options->imports.add_to(*command);
  command->add_option("--format", options->ir_format, "IR output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  const auto pass_names = passes::standard_pass_names();
  const auto known_pass = CLI::IsMember(pass_names);
  command->add_option("--print-before", options->print_before, "Print the IR before this pass (repeatable)")
      ->check(known_pass);
  command->add_option("--print-after", options->print_after, "Print the IR after this pass (repeatable)")
      ->check(known_pass);
  command->add_flag("--print-after-all", options->print_after_all, "Print the IR after every pass");
  command->add_option("--stop-after", options->stop_after, "Stop the pipeline after this pass")->check(known_pass);
  command->add_flag("--time-passes", options->time_passes, "Print how long each pass took (to stderr)");
  command->add_flag("--eliminate-dead", options->eliminate_dead,
                    "Remove the declarations nothing live uses (APIs, workflows, policies and intents "
                    "are live), and report each");
  command->add_flag("--verify-each", options->verify_each,
                    "Run the IR verifier before the pipeline and after every pass");
  options->diagnostics.add_to(*command, "--diagnostic-format");
  return [options] {
    driver::CompileOptions compile_options = options->imports.compile_options(options->files);
    passes::Instrumentation& instrumentation = compile_options.instrumentation;
    instrumentation.print_before.insert(options->print_before.begin(), options->print_before.end());
    instrumentation.print_after.insert(options->print_after.begin(), options->print_after.end());
    instrumentation.print_all = options->print_after_all;
    instrumentation.stop_after = options->stop_after;
    instrumentation.out = &std::cout;
    instrumentation.time_passes = options->time_passes;
    instrumentation.verify_each = options->verify_each;
    instrumentation.eliminate_dead = options->eliminate_dead;
    instrumentation.timing_out = &std::cerr;  // stdout stays a clean IR document
    instrumentation.printer = [](std::ostream& out, const ir::Module& module) { ir::print_module(out, module); };
    const driver::DiskFileSystem disk;
    const driver::Compilation compilation = driver::compile(disk, compile_options);
    options->diagnostics.print(compilation.sources, compilation.diagnostics);
    if (compilation.diagnostics.has_errors() || !compilation.module) return exit_code_for(compilation.diagnostics);
    if (options->ir_format == "json") {
      ir::write_module_json(std::cout, *compilation.module);
    } else {
      ir::print_module(std::cout, *compilation.module);
    }
    return exit_code_for(compilation.diagnostics);
  };
}

}  // namespace bpc::cli
