#pragma once

// The subcommands of the bpc driver. Each registers itself on the top-level app and returns a
// function that runs it after parsing and gives the exit code.

#include <functional>

#include <CLI/CLI.hpp>

namespace bpc::cli {

using CommandRunner = std::function<int()>;

CommandRunner add_check_command(CLI::App& app);
CommandRunner add_ir_command(CLI::App& app);
CommandRunner add_parse_command(CLI::App& app);
CommandRunner add_fmt_command(CLI::App& app);
CommandRunner add_diff_command(CLI::App& app);
CommandRunner add_build_command(CLI::App& app);
CommandRunner add_compose_command(CLI::App& app);
CommandRunner add_migrate_command(CLI::App& app);
CommandRunner add_lsp_command(CLI::App& app);
CommandRunner add_serve_command(CLI::App& app);

}  // namespace bpc::cli
