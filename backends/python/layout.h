#pragma once

// The line layout `ruff format` gives Python code, for the subset of Python the backend emits.
//
// The emitters write each statement on one line; `wrap_long_lines` re-lays out the statements
// ruff would change and copies every other line. It works one logical line (a statement, a
// decorator or a clause header such as `def f(...) -> T:`) at a time:
//
//  1. A tokenizer splits the source into logical lines, continued through open brackets. Blank
//     lines, comment lines, docstrings (any multi-line string), imports (the backend wraps them
//     itself) and lines with a backslash continuation, a tab indent or a comment inside a
//     bracket are copied as they are. Most lines are statements that fit and are written as ruff
//     writes them: before tokenizing a line, one pass over its characters (looking only at quotes,
//     brackets, commas and the like) proves that the layout would copy it, and it is copied.
//  2. String literals get ruff's quotes (double unless that needs more escapes, escapes of the
//     other quote removed, hex escapes lowercase) and `(x, )` loses its space.
//  3. A line that fits in `line_length` columns is left alone. A line that is longer, spans
//     several physical lines (as `{\n}` does) or ends a bracket with a comma (a "magic trailing
//     comma", which makes ruff explode the bracket) is re-laid out: a parser builds its syntax
//     tree; the tree becomes a document of groups, soft line breaks and indents built by the rules
//     of ruff's formatter (ruff_python_formatter); a port of ruff's printer (ruff_formatter) prints
//     it. The printer prints a group on one line when it fits up to the next possible line break
//     and otherwise breaks it; the rules choose between alternatives ("best fitting"), add
//     optional parentheses only where no bracket can split instead, and measure a bracket as if
//     split ("fits expanded"). Together these give ruff's layout: split the last bracket of the
//     right-hand side (`x = f(` ... `)`), keep a call's arguments on one indented line if they fit
//     or else one per line with a trailing comma, always explode a list, dict, set or tuple one
//     element per line, keep `) -> T:` on the closing line, parenthesize a long annotation, value
//     or condition and break it before its operators, leave what cannot fit (a long string) long.
//     A line the parser does not understand, or a long line ending in a comment, is copied.
//     Generated tables can be huge statements (`CHECKS: list[Check] = [` and megabytes of elements):
//     a table that is the value of `name =`, a list, dict or set with a magic trailing comma, is
//     laid out an element at a time, each alone in such a table, as ruff lays out each element of
//     an exploded bracket on its own lines; only one element's tree and document are in memory.
//
// Columns are counted as ruff counts them (East Asian wide characters take two). The work is
// linear in the size of the input, times the nesting depth of a statement's brackets; the
// storage for tokens, trees and documents is kept from one logical line to the next.

#include <cstddef>
#include <string>
#include <string_view>

namespace bpc::backends::python {

// Re-lays out the lines of Python source `code` that are longer than `line_length` columns the way
// `ruff format` would, and normalizes the few other things listed above; everything else is copied
// unchanged.
std::string wrap_long_lines(std::string_view code, std::size_t line_length = 120);

}  // namespace bpc::backends::python
