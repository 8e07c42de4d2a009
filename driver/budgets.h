#pragma once

// What one compilation may consume. The command line keeps the generous defaults; the service,
// which compiles other people's blueprints in one process, sets tighter ones per tenant. Every
// limit, when reached, is a diagnostic naming it (BP9004-BP9008), never a crash or a hang, and
// the compilation returns promptly without a module.

#include <chrono>
#include <cstdint>
#include <optional>

#include "frontend/limits.h"

namespace bpc::driver {

struct Budgets {
  // Largest single source file; never above kMaxSourceBytes, the frontend's 32-bit offsets' limit.
  std::uint64_t max_file_bytes = kMaxSourceBytes;
  // All the program's files together.
  std::uint64_t max_total_bytes = std::uint64_t{4} << 30;
  // Files in the program, the roots and everything they import.
  std::uint32_t max_files = 10'000;
  // Deepest bracket nesting the parser descends into; never above kMaxNestingDepth.
  int max_nesting = kMaxNestingDepth;
  // Top-level declarations in the whole program.
  std::uint64_t max_declarations = 10'000'000;
  // Wall-clock time from the start of the compilation; none by default.
  std::optional<std::chrono::milliseconds> time_limit;
};

// The budgets that stop loading when reached (the others stop the parser or the whole
// compilation in their own ways: nesting is a syntax error, time an interruption).
enum class LoadBudget : std::uint8_t { Files, TotalBytes, Declarations };

}  // namespace bpc::driver
