#pragma once

// The few cryptographic primitives the service needs, from OpenSSL's libcrypto: content hashes
// for versions and blobs, hashes of API-key secrets (only the hash is stored), and unguessable
// identifiers and secrets.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace bpc::service {

// Lower-case hex SHA-256 of `bytes`, or of `parts` one after the other (without joining them).
std::string sha256_hex(std::string_view bytes);
std::string sha256_hex(std::initializer_list<std::string_view> parts);

// Lower-case hex HMAC-SHA256 of `message` under `key` (webhook signatures).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// `bytes` random bytes from the operating system's generator, as lower-case hex.
std::string random_hex(std::size_t bytes);

// Compares two strings in time that depends only on their lengths (for secrets and their hashes).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace bpc::service
