#pragma once

// "Did you mean" support: the closest candidate to a misspelt name, by edit distance.

#include <optional>
#include <span>
#include <string_view>

namespace bpc {

// Damerau-Levenshtein distance (adjacent transpositions count as one edit), ASCII case-folded
// comparisons costing nothing for a pure case difference.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Whether two names are the same when ASCII letters' case is ignored.
bool same_without_case(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: at most one
// edit for words of up to four letters, two up to eight, three beyond.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

}  // namespace bpc
