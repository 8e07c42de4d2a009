#pragma once

// bpc's documented exit codes (README, "Exit codes").
namespace bpc::cli {

inline constexpr int kExitClean = 0;     // no errors (warnings allowed)
inline constexpr int kExitErrors = 1;    // errors found in the input, or `fmt --check` found work
inline constexpr int kExitUsage = 2;     // bad command line, or a file could not be read/written

}  // namespace bpc::cli
