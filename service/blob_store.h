#pragma once

// Content-addressed storage of blueprint sources on disk: a blob's name is the SHA-256 of its
// bytes, so equal sources are stored once and a blob never changes after it is written.
//
// Layout: <root>/<first two hex digits>/<the other 62>. A blob is written to a temporary file in
// the same directory, flushed to disk, then renamed into place and its directory flushed, so a
// crash leaves either the whole blob or none of it. The store writes a version's blob before it
// commits the version's row: a row never names a missing blob (an orphan blob is harmless).

#include <optional>
#include <string>
#include <string_view>

namespace bpc::service {

class BlobStore {
 public:
  // Creates `root` if it is missing.
  explicit BlobStore(std::string root);

  // Stores `bytes` and returns their hash. Storing what is already there writes nothing.
  std::string put(std::string_view bytes) const;
  // The blob's bytes, or nothing when no blob has this hash (or the hash is malformed).
  std::optional<std::string> get(std::string_view hash) const;

 private:
  std::string path_of(std::string_view hash) const;
  std::string root_;
};

}  // namespace bpc::service
