// libFuzzer target: the formatter's oracle. A file that parses without errors must format to text
// that parses without errors and formats to itself. See fuzz/README.md.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string failure =
      bpc::fuzz::check_format(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!failure.empty()) {
    std::fprintf(stderr, "fuzz_format: %s\n", failure.c_str());
    __builtin_trap();
  }
  return 0;
}
