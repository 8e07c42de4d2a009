// libFuzzer target: parse, lower with every semantic check and run the pass pipeline, asserting
// diagnostics stay within the file and the IR JSON round-trips. See fuzz/README.md.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string failure =
      bpc::fuzz::check_semantics(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_check: invariant violated: %s\n", failure.c_str());
    __builtin_trap();
  }
  return 0;
}
