#pragma once

// JSON text laid out again without a tree: what `nlohmann::json::dump(2)` prints, made from what
// `dump(-1, ' ', true)` printed for the same value. The OpenAPI documents are built as compact,
// ASCII-only text a part at a time (their trees are too large to keep), and the `openapi` backend
// writes them indented, with UTF-8 as it is.

#include <string>
#include <string_view>

namespace bpc::backends::jsonschema {

// `compact`, valid JSON printed by nlohmann::json with no indent and ASCII only, printed with an
// indent of two spaces and the `\uXXXX` escapes of characters from U+007F on written as UTF-8:
// byte for byte what nlohmann::json's dump(2) prints for the same value.
std::string indented_json(std::string_view compact);

}  // namespace bpc::backends::jsonschema
