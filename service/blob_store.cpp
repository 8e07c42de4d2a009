#include "service/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "service/connection_pool.h"
#include "service/crypto.h"

namespace bpc::service {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open", directory);
  const int result = ::fsync(fd);
  ::close(fd);
  if (result != 0) fail("cannot flush", directory);
}

}  // namespace

bool is_blob_hash(std::string_view hash) {
  if (hash.size() != 64) return false;
  for (const char c : hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

DiskBlobStore::DiskBlobStore(std::string root) : root_(std::move(root)) { std::filesystem::create_directories(root_); }

std::string DiskBlobStore::path_of(std::string_view hash) const {
  return root_ + "/" + std::string(hash.substr(0, 2)) + "/" + std::string(hash.substr(2));
}

std::string DiskBlobStore::put(std::string_view bytes) const {
  const std::string hash = sha256_hex(bytes);
  const std::string path = path_of(hash);
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) return hash;

  const std::string directory = root_ + "/" + hash.substr(0, 2);
  std::filesystem::create_directories(directory);
  const std::string temporary = path + ".tmp." + random_hex(8);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) fail("cannot create", temporary);
  try {
    write_all(fd, bytes, temporary);
    if (::fsync(fd) != 0) fail("cannot flush", temporary);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    fail("cannot rename into", path);
  }
  sync_directory(directory);
  return hash;
}

std::optional<std::string> DiskBlobStore::get(std::string_view hash) const {
  if (!is_blob_hash(hash)) return std::nullopt;
  std::ifstream in(path_of(hash), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

std::optional<std::string> DiskBlobStore::file(std::string_view hash) const {
  if (!is_blob_hash(hash)) return std::nullopt;
  std::string path = path_of(hash);
  struct stat existing {};
  if (::stat(path.c_str(), &existing) != 0) return std::nullopt;
  return path;
}

std::string DatabaseBlobStore::put(std::string_view bytes) const {
  const std::string hash = sha256_hex(bytes);
  auto connection = pool_.borrow();
  Statement insert(*connection, "INSERT INTO blobs (hash, content) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  insert.bind(1, hash).bind(2, bytes).run();
  return hash;
}

std::optional<std::string> DatabaseBlobStore::get(std::string_view hash) const {
  if (!is_blob_hash(hash)) return std::nullopt;
  auto connection = pool_.borrow();
  Statement query(*connection, "SELECT content FROM blobs WHERE hash = ?1");
  query.bind(1, hash);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

}  // namespace bpc::service
