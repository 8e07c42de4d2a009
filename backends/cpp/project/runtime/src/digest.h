#pragma once

// SHA-256 through OpenSSL, for what the runtime keeps a digest of instead of the text (bearer
// tokens in rate limits, migration scripts).

#include <string>

namespace bpc::runtime {

// The SHA-256 of `text` in lowercase hex.
std::string sha256_hex(const std::string& text);

}  // namespace bpc::runtime
