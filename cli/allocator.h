#pragma once

// Which allocator the driver runs on, for `bpc --version`: "mimalloc 2.0.9" when it is linked
// with mimalloc (the default build), "system malloc" otherwise (sanitizer and fuzzer builds).

#include <string>

namespace bpc::cli {

std::string allocator_name();

}  // namespace bpc::cli
