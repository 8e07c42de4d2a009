#pragma once

// Hostile text and names shared by the escaping tests and the round trips through node, python3
// and the C++ compiler.

#include <string>
#include <vector>

namespace bpc::backends::testing {

using namespace std::string_literals;

// Valid UTF-8 strings that break naive escaping somewhere.
inline const std::vector<std::string>& hostile_strings() {
  static const std::vector<std::string> kStrings = {
      "",
      "plain text",
      "it's",
      "say \"hi\"",
      "both ' and \"",
      "back\\slash",
      "trailing backslash\\",
      "\\",
      "\\n is not a newline",
      "\\u0041 \\x41 \\101 \\N{DASH}",
      "line\nbreak",
      "\n",
      "cr\rlf\r\ncrlf",
      "tab\there",
      "*/ closes a comment",
      "/* opens a comment",
      "*/*/*",
      "${injection}",
      "$${double} $ { $",
      "`backtick` and ``",
      "\\${escaped?}",
      "U+2028 \u2028 and U+2029 \u2029",
      "NUL \0 inside"s,
      "\0"s,
      "\0"s + "7 NUL before a digit",
      "\x01\x02\x1F\x7F controls",
      "\x01" "A hex digit after a control",
      "\u0085 NEL and \u0080 C1",
      "مرحبا بالعالم",
      "emoji 😀 family 👨‍👩‍👧 flag 🇸🇦",
      "bidi \u202E evil \u202C and \u2066isolate\u2069",
      "zero width \u200B and BOM \uFEFF",
      "?\?= ?\?/ ?\?' ?\?( ?\?) ?\?! ?\?< ?\?> ?\?- trigraphs",
      "?\?\?",
      "?\"?",
      "'''",
      "\"\"\"",
      "a\"\"\"b\"",
      "ends with a quote\"",
      "</script><!--",
      "%s %d {0} {{}}",
      "   leading and trailing spaces   ",
      std::string(5000, 'x') + "é" + std::string(5000, '"'),
  };
  return kStrings;
}

// Names that are reserved or awkward somewhere, as a blueprint could write them.
inline const std::vector<std::string>& hostile_names() {
  static const std::vector<std::string> kNames = {
      "constructor", "__proto__", "prototype", "delete", "default", "function", "class",
      "from", "None", "self", "namespace", "register", "await", "yield", "let", "static",
      "arguments", "eval", "undefined", "import", "module", "NULL", "errno", "assert", "type",
      "str", "match", "_", "__", "_private", "__init__", "a__b", "_Upper", "_2fa", "id",
  };
  return kNames;
}

}  // namespace bpc::backends::testing
