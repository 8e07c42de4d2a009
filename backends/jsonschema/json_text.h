#pragma once

// JSON text printed fast, and laid out again without a tree: what `nlohmann::json::dump(2)`
// prints, made from what `dump(-1, ' ', true)` printed for the same value. The OpenAPI documents are built as compact,
// ASCII-only text a part at a time (their trees are too large to keep), and the `openapi` backend
// writes them indented, with UTF-8 as it is.

#include <string>
#include <string_view>

#include "backends/jsonschema/json.h"

namespace bpc::backends::jsonschema {

// Appends `value` as nlohmann::json's dump(-1, ' ', true) prints it (compact, ASCII only, the
// same bytes), several times faster: the OpenAPI documents of a large model are tens of MB of it.
// Invalid UTF-8 in a string throws nlohmann's type_error, as dump does.
void append_compact_json(const Json& value, std::string& out);

// `compact`, valid JSON printed by nlohmann::json with no indent and ASCII only, printed with an
// indent of two spaces and the `\uXXXX` escapes of characters from U+007F on written as UTF-8:
// byte for byte what nlohmann::json's dump(2) prints for the same value.
std::string indented_json(std::string_view compact);

}  // namespace bpc::backends::jsonschema
