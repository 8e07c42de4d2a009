#pragma once

// Percent-encoding (RFC 3986, section 2.1), for URIs in the language server and request targets
// in the service.

#include <optional>
#include <string>
#include <string_view>

namespace bpc {

// The bytes `text` encodes, or nullopt when a `%` is not followed by two hex digits or encodes NUL.
std::optional<std::string> percent_decode(std::string_view text);

// `text` with every byte but the unreserved ones (letters, digits, `-._~`) and those in `keep`
// percent-encoded.
std::string percent_encode(std::string_view text, std::string_view keep);

}  // namespace bpc
