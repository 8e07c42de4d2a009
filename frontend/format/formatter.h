#pragma once

// The formatter prints a syntax tree in the one canonical Blueprint layout, keeping every
// comment and doc comment. It is idempotent (formatting its own output changes nothing) and
// preserves meaning (the output parses to the same tree apart from layout); tests/format/
// checks both over the whole corpus. See docs/formatting.md for the layout rules.

#include <string>

#include "frontend/parse/tree.h"

namespace bpc {

// Formats a file that parsed without errors. (A tree with errors is refused by the callers:
// reformatting text the parser did not understand could lose it. Given one anyway, this returns
// the source text unchanged.) The result is empty for a file with no declarations or comments,
// and otherwise ends with exactly one "\n"; it never contains "\r" or trailing whitespace, except
// inside a comment that itself contains a lone "\r".
std::string format_tree(const Tree& tree);

}  // namespace bpc
