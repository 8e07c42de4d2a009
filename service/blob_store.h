#pragma once

// Content-addressed storage of blueprint sources: a blob's name is the SHA-256 of its bytes, so
// equal sources are stored once and a blob never changes after it is written. The store writes
// a version's blob before it commits the version's row: a row never names a missing blob (an
// orphan blob is harmless).
//
// Two places to keep them:
//   DiskBlobStore      beside the SQLite database: <root>/<first two hex digits>/<the other 62>.
//                      A blob is written to a temporary file in the same directory, flushed,
//                      renamed into place and its directory flushed, so a crash leaves the whole
//                      blob or none of it.
//   DatabaseBlobStore  in the PostgreSQL database's `blobs` table, which every instance shares.

#include <optional>
#include <string>
#include <string_view>

namespace bpc::service {

class ConnectionPool;

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `bytes` and returns their hash. Storing what is already there writes nothing.
  virtual std::string put(std::string_view bytes) const = 0;
  // The blob's bytes, or nothing when no blob has this hash (or the hash is malformed).
  virtual std::optional<std::string> get(std::string_view hash) const = 0;
  // The file that holds the blob, for an answer sent from disk without loading it; nothing when
  // this store keeps blobs elsewhere (or has none with this hash).
  virtual std::optional<std::string> file(std::string_view hash) const = 0;
};

class DiskBlobStore final : public BlobStore {
 public:
  // Creates `root` if it is missing.
  explicit DiskBlobStore(std::string root);
  std::string put(std::string_view bytes) const override;
  std::optional<std::string> get(std::string_view hash) const override;
  std::optional<std::string> file(std::string_view hash) const override;

 private:
  std::string path_of(std::string_view hash) const;
  std::string root_;
};

class DatabaseBlobStore final : public BlobStore {
 public:
  explicit DatabaseBlobStore(ConnectionPool& pool) : pool_(pool) {}
  std::string put(std::string_view bytes) const override;
  std::optional<std::string> get(std::string_view hash) const override;
  std::optional<std::string> file(std::string_view) const override { return std::nullopt; }

 private:
  ConnectionPool& pool_;
};

// Whether `hash` is 64 lower-case hex digits.
bool is_blob_hash(std::string_view hash);

}  // namespace bpc::service
