#pragma once

// Blueprint text in the Markdown files backends write (generated READMEs).

#include <string>
#include <string_view>

namespace bpc::backends {

// Blueprint text as literal Markdown text: characters that open emphasis, code, links, tags or
// tables are backslash-escaped, and so is a start that would make a heading or a list item, so a
// title cannot change the document's structure. Line breaks become spaces.
std::string markdown_text(std::string_view text);

// One of bpc's own messages (a skipped test's reason) as Markdown: the names it quotes in
// backticks stay code spans, and the rest is literal text as markdown_text writes it. Quoted names
// hold no white space: a pair of backticks around white space, or a backtick without its pair
// (from a pattern the message quotes without backticks), is literal text.
std::string markdown_message(std::string_view message);

}  // namespace bpc::backends
