#pragma once

// Command-line options shared by every subcommand that reports diagnostics
// (--format, --max-errors, --color), and the one place that prints them.

#include <string>

#include <CLI/CLI.hpp>

#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/diagnostics/render.h"
#include "frontend/source/source_manager.h"

namespace bpc::cli {

struct DiagnosticOptions {
  std::string format = "text";
  std::string color = "auto";
  std::size_t max_errors = 50;

  // `format_flag` names the output-format option; `bpc ir` uses --format for the IR itself.
  void add_to(CLI::App& command, const std::string& format_flag = "--format");
  // Prints the engine's diagnostics to stderr (text) or stdout (json, sarif).
  void print(const SourceManager& sources, const DiagnosticEngine& diagnostics) const;
  // Whether stderr is a terminal that may be sent escape sequences: it is a tty, --color is not
  // `never` and NO_COLOR is unset or empty. (`--color always` colours a pipe; it is still a pipe.)
  bool terminal_stderr() const;
};

// The exit code for a run: 2 when an input could not be read, 1 when errors were found, else 0.
int exit_code_for(const DiagnosticEngine& diagnostics);
// The exit code for a run that failed: 2 when an input could not be read, else 1 (also when the
// failure left no error among the diagnostics).
int exit_code_for_failure(const DiagnosticEngine& diagnostics);

}  // namespace bpc::cli
