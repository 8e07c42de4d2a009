#pragma once

// A unified diff of two texts by lines (Myers' O((N+M)D) algorithm), for `bpc fmt --check`.

#include <string>
#include <string_view>

namespace bpc {

// Returns "" when the texts are equal; otherwise a unified diff with `context` lines around each
// change, headed `--- old_name` / `+++ new_name`.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_name, std::string_view new_name, int context = 3);

}  // namespace bpc
