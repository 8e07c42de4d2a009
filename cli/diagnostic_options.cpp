#include "cli/diagnostic_options.h"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "cli/exit_codes.h"

namespace bpc::cli {

void DiagnosticOptions::add_to(CLI::App& command, const std::string& format_flag) {
  command.add_option(format_flag, format, "Diagnostic output: text, json or sarif (SARIF 2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  command.add_option("--max-errors", max_errors, "Show at most N errors; 0 shows all")
      ->capture_default_str();
  command.add_option("--color", color, "Colour text diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

void DiagnosticOptions::print(const SourceManager& sources,
                              const DiagnosticEngine& diagnostics) const {
  RenderOptions options;
  options.max_errors = max_errors;
  if (format == "json") {
    options.format = DiagnosticFormat::Json;
    render_diagnostics(std::cout, sources, diagnostics, options);
    return;
  }
  if (format == "sarif") {
    options.format = DiagnosticFormat::Sarif;
    render_diagnostics(std::cout, sources, diagnostics, options);
    return;
  }
  options.color = color == "always" || (color == "auto" && terminal_stderr());
  render_diagnostics(std::cerr, sources, diagnostics, options);
}

bool DiagnosticOptions::terminal_stderr() const {
  const char* no_color = std::getenv("NO_COLOR");
  return color != "never" && (no_color == nullptr || *no_color == '\0') && isatty(STDERR_FILENO) != 0;
}

int exit_code_for(const DiagnosticEngine& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics.diagnostics()) {
    if (diagnostic.kind == DiagnosticKind::CannotReadFile) return kExitUsage;
  }
  return diagnostics.has_errors() ? kExitErrors : kExitClean;
}

int exit_code_for_failure(const DiagnosticEngine& diagnostics) {
  const int code = exit_code_for(diagnostics);
  return code == kExitClean ? kExitErrors : code;
}

}  // namespace bpc::cli
