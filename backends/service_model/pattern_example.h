#pragma once

// Strings a pattern matches, for sample values: built from the pattern's syntax for the usual
// subset (literals, classes, escapes, groups, alternation, quantifiers, anchors); nothing when the
// pattern uses anything else (lookarounds, backreferences, Unicode escapes).
//
// `variant` varies the characters picked from classes, so records differ where a field is
// unique; `stretch` repeats every open-ended quantifier that many more times (within its bounds),
// so a caller that needs a longer string (`@minLength(3)` with `^[a-z]+$`) asks again with a
// larger stretch; `branches` picks the branch of each alternation (0: every first branch), so a
// caller whose first branches cannot meet the constraints tries others. The caller checks the
// result against the real pattern (base/pattern.h).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bpc::backends::service {

std::optional<std::string> example_for_pattern(std::string_view pattern, int variant, std::size_t stretch = 0,
                                               std::size_t branches = 0);

}  // namespace bpc::backends::service
