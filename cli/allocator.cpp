#include "cli/allocator.h"

#include <fmt/format.h>

#if BPC_USE_MIMALLOC
#include <mimalloc.h>
#endif

namespace bpc::cli {

std::string allocator_name() {
#if BPC_USE_MIMALLOC
  const int version = mi_version();  // 209 for 2.0.9
  return fmt::format("mimalloc {}.{}.{}", version / 100, version / 10 % 10, version % 10);
#else
  return "system malloc";
#endif
}

}  // namespace bpc::cli
