// libFuzzer target: load arbitrary bytes as IR JSON: no crash, and anything accepted round-trips. See fuzz/README.md.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string failure =
      bpc::fuzz::check_ir_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_ir_json: invariant violated: %s\n", failure.c_str());
    __builtin_trap();
  }
  return 0;
}
