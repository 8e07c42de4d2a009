#pragma once

// The line layout `ruff format` gives Python code, for the subset of Python the backend emits.
//
// The emitters write each statement on one line; `wrap_long_lines` re-lays out the statements
// ruff would change and copies every other line unchanged. It works one logical line (statement,
// decorator or clause header) at a time:
//
//  1. A tokenizer splits the source into logical lines: the tokens of a line, continued through
//     open brackets. Blank lines, comment lines, docstrings (any multi-line string), imports and
//     lines with backslash continuations or comments inside them are copied as they are.
//  2. Every string literal gets ruff's quotes: double unless that needs more escapes than single,
//     with escapes normalized; `(x, )` loses the space before its closing bracket.
//  3. A line that spans several physical lines, ends a bracket with a comma (a "magic trailing
//     comma", which makes ruff explode the bracket), or is longer than `line_length` columns is
//     re-laid out: a parser builds its syntax tree, the tree becomes a document of groups, soft line
//     breaks and indents built with the same rules as ruff's formatter (ruff_python_formatter), and
//     a port of ruff's printer (ruff_formatter) prints the document. That printer puts a group on
//     one line when it fits and otherwise breaks its soft line breaks, measuring the content up to
//     the next line break; best-fitting alternatives, optional parentheses and "fits expanded"
//     content give ruff's preferences: split the last bracket of the right-hand side, keep a
//     bracket's content on one indented line if it fits or else explode it one element per line
//     with a trailing comma, parenthesize a long annotation or value, keep `) -> T:` together.
//     A line the parser does not understand is copied unchanged.
//
// Columns are counted as ruff counts them (East Asian wide characters take two). The work is
// linear in the input, except that a statement is measured once per nesting level of its brackets.

#include <cstddef>
#include <string>
#include <string_view>

namespace bpc::backends::python {

// Re-lays out the lines of Python source `code` that are longer than `line_length` columns the way
// `ruff format` would, and normalizes the few other things listed above; everything else is copied
// unchanged.
std::string wrap_long_lines(std::string_view code, std::size_t line_length = 120);

}  // namespace bpc::backends::python
