#pragma once

// What two versions of a sequence share at their ends, for the smallest edit from one to the
// other: formatting's text edit and semantic tokens' delta both replace [prefix, size - suffix).

#include <cstddef>

namespace bpc::lsp {

struct CommonEnds {
  std::size_t prefix = 0;  // the longest common prefix
  std::size_t suffix = 0;  // the longest common suffix of what follows the prefix in both
};

template <class Sequence>
CommonEnds common_ends(const Sequence& before, const Sequence& after) {
  CommonEnds ends;
  while (ends.prefix < before.size() && ends.prefix < after.size() && before[ends.prefix] == after[ends.prefix]) {
    ++ends.prefix;
  }
  while (ends.suffix < before.size() - ends.prefix && ends.suffix < after.size() - ends.prefix &&
         before[before.size() - 1 - ends.suffix] == after[after.size() - 1 - ends.suffix]) {
    ++ends.suffix;
  }
  return ends;
}

}  // namespace bpc::lsp
