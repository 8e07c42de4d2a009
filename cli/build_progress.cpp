#include "cli/build_progress.h"

#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

namespace bpc::cli {

namespace {

// Carriage return, then ECMA-48 "erase in line" from the cursor to the end.
constexpr std::string_view kEraseLine = "\r\x1b[K";

}  // namespace

bool BuildProgress::wanted(std::size_t targets, const DiagnosticOptions& diagnostics) {
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::strcmp(term, "dumb") == 0;
  return targets > 1 && !dumb && diagnostics.terminal_stderr();
}

void BuildProgress::show(std::size_t position, std::string_view target, std::string_view phase) {
  if (!enabled_) return;
  std::cerr << kEraseLine << fmt::format("[{}/{}] {}: {}...", position, targets_, target, phase)
            << std::flush;
  shown_ = true;
}

void BuildProgress::clear() {
  if (!shown_) return;
  std::cerr << kEraseLine << std::flush;
  shown_ = false;
}

}  // namespace bpc::cli
