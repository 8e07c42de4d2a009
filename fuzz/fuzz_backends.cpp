// libFuzzer target: every input that checks clean runs through every built-in backend, twice;
// a backend may refuse what it does not support, but never crash or throw anything else, and its
// output must be deterministic, valid UTF-8 and (for .json) valid JSON. See fuzz/README.md.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string failure =
      bpc::fuzz::check_backends(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_backends: invariant violated: %s\n", failure.c_str());
    __builtin_trap();
  }
  return 0;
}
