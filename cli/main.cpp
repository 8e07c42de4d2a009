// bpc: the Blueprint compiler driver. It parses the command line and hands off to one
// subcommand; all compiler work happens in libbpc.

#include <iostream>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/allocator.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  CLI::App app{"bpc: the Blueprint compiler. Checks, formats and compiles .bpl blueprints."};
  app.set_version_flag("--version", std::string("bpc ") + BPC_VERSION + " (" + bpc::cli::allocator_name() + ")");
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 no errors, 1 errors found (or `fmt --check` would change a file), "
      "2 usage or I/O error.\nRun `bpc COMMAND --help` for a command's options.");

  std::vector<std::pair<CLI::App*, bpc::cli::CommandRunner>> commands;
  const auto add = [&](bpc::cli::CommandRunner runner) {
    commands.emplace_back(app.get_subcommands({}).back(), std::move(runner));
  };
  add(bpc::cli::add_check_command(app));
  add(bpc::cli::add_ir_command(app));
  add(bpc::cli::add_parse_command(app));
  add(bpc::cli::add_fmt_command(app));
  add(bpc::cli::add_diff_command(app));
  add(bpc::cli::add_build_command(app));
  add(bpc::cli::add_compose_command(app));
  add(bpc::cli::add_migrate_command(app));
  add(bpc::cli::add_lsp_command(app));
  add(bpc::cli::add_serve_command(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return bpc::cli::kExitUsage;
  }
  for (auto& [command, runner] : commands) {
    if (command->parsed()) return runner();
  }
  return bpc::cli::kExitUsage;
}
