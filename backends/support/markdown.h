#pragma once

// Blueprint text in the Markdown files backends write (generated READMEs).

#include <string>
#include <string_view>

namespace bpc::backends {

// Blueprint text as literal Markdown text: characters that open emphasis, code, links, tags or
// tables are backslash-escaped, and so is a start that would make a heading or a list item, so a
// title cannot change the document's structure. Line breaks become spaces.
std::string markdown_text(std::string_view text);

}  // namespace bpc::backends
