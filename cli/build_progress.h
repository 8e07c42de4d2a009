#pragma once

// The progress line of `bpc build` on a terminal: `[2/3] openapi: emitting...`, redrawn in place
// on stderr (a carriage return, the text, then "erase to the end of the line"). It is only for a
// person watching several targets build, so it appears only when `BuildProgress::wanted` says so;
// otherwise every call does nothing and piped or redirected output never holds a byte of it. The
// line is erased (`clear`) before anything else is printed, and by the destructor.

#include <cstddef>
#include <string_view>

#include "cli/diagnostic_options.h"

namespace bpc::cli {

class BuildProgress {
 public:
  // True when more than one target runs and stderr is a terminal that takes escape sequences
  // (`DiagnosticOptions::terminal_stderr`) whose TERM is not `dumb`.
  static bool wanted(std::size_t targets, const DiagnosticOptions& diagnostics);

  BuildProgress(bool enabled, std::size_t targets) : enabled_(enabled), targets_(targets) {}
  BuildProgress(const BuildProgress&) = delete;
  BuildProgress& operator=(const BuildProgress&) = delete;
  ~BuildProgress() { clear(); }

  // Shows `[position/targets] target: phase...`; `position` counts from 1.
  void show(std::size_t position, std::string_view target, std::string_view phase);
  // Erases the line if one is shown.
  void clear();

 private:
  bool enabled_;
  std::size_t targets_;
  bool shown_ = false;
};

}  // namespace bpc::cli
