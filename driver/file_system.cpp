#include "driver/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

namespace bpc::driver {

namespace {

FileError error_from_errno(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR: return {FileErrorKind::NotFound, "no such file"};
    case ELOOP: return {FileErrorKind::SymlinkLoop, "too many levels of symbolic links (a symbolic-link loop?)"};
    case EACCES:
    case EPERM: return {FileErrorKind::AccessDenied, "permission denied"};
    case EISDIR: return {FileErrorKind::NotRegular, "it is a directory"};
    default: return {FileErrorKind::Other, std::strerror(error)};
  }
}

FileError not_regular(mode_t mode) {
  if (S_ISDIR(mode)) return {FileErrorKind::NotRegular, "it is a directory"};
  if (S_ISFIFO(mode)) return {FileErrorKind::NotRegular, "it is a FIFO, not a regular file"};
  if (S_ISCHR(mode) || S_ISBLK(mode)) return {FileErrorKind::NotRegular, "it is a device, not a regular file"};
  if (S_ISSOCK(mode)) return {FileErrorKind::NotRegular, "it is a socket, not a regular file"};
  return {FileErrorKind::NotRegular, "it is not a regular file"};
}

FileError too_large(std::uint64_t size, std::uint64_t limit) {
  return {FileErrorKind::TooLarge, fmt::format("it is {} bytes; the limit is {} bytes", size, limit), size};
}

FileKind kind_of(mode_t mode) {
  if (S_ISREG(mode)) return FileKind::Regular;
  if (S_ISDIR(mode)) return FileKind::Directory;
  return FileKind::Other;
}

// Closes a descriptor when it goes out of scope.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string normalize_path(std::string_view path) {
  const bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == ".") {
      // skip
    } else if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);  // a relative path may climb; `/..` is `/`
      }
    } else {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string normal = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) normal += '/';
    normal += parts[i];
  }
  if (normal.empty()) normal = ".";
  return normal;
}

std::string parent_directory(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

bool path_is_within(std::string_view path, std::string_view root) {
  if (root == "/") return !path.empty() && path.front() == '/';
  if (path.size() < root.size() || path.substr(0, root.size()) != root) return false;
  return path.size() == root.size() || path[root.size()] == '/';
}

// ---- DiskFileSystem ----------------------------------------------------------------------------

std::string DiskFileSystem::absolute(std::string_view path) const {
  if (!path.empty() && path.front() == '/') return normalize_path(path);
  std::error_code error;
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  return normalize_path((error ? std::string("/") : cwd.string()) + "/" + std::string(path));
}

ResolveResult DiskFileSystem::resolve(std::string_view path) const {
  const std::string text(path);
  if (text.find('\0') != std::string::npos) return FileError{FileErrorKind::NotFound, "the path holds a NUL byte"};
  // realpath follows every link and fails with ELOOP on a loop; it opens nothing, so a FIFO or a
  // device is named, not read.
  char buffer[PATH_MAX];
  if (::realpath(text.c_str(), buffer) == nullptr) return error_from_errno(errno);
  struct stat status {};
  if (::stat(buffer, &status) != 0) return error_from_errno(errno);
  return ResolvedPath{buffer, kind_of(status.st_mode)};
}

ReadResult DiskFileSystem::read(std::string_view path, std::uint64_t max_bytes) const {
  const std::string text(path);
  if (text.find('\0') != std::string::npos) return FileError{FileErrorKind::NotFound, "the path holds a NUL byte"};
  // Look before opening: opening a device or a FIFO can block or have effects.
  struct stat status {};
  if (::stat(text.c_str(), &status) != 0) return error_from_errno(errno);
  if (!S_ISREG(status.st_mode)) return not_regular(status.st_mode);
  // O_NONBLOCK: if the path was swapped for a FIFO since, opening it still does not wait.
  const Descriptor file{::open(text.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
  if (file.fd < 0) return error_from_errno(errno);
  if (::fstat(file.fd, &status) != 0) return error_from_errno(errno);
  if (!S_ISREG(status.st_mode)) return not_regular(status.st_mode);
  const auto size = static_cast<std::uint64_t>(status.st_size);
  if (size > max_bytes) return too_large(size, max_bytes);
  std::string contents(static_cast<std::size_t>(size), '\0');
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t got = ::read(file.fd, contents.data() + done, contents.size() - done);
    if (got < 0) {
      if (errno == EINTR) continue;
      return error_from_errno(errno);
    }
    if (got == 0) break;  // the file shrank while we read it
    done += static_cast<std::size_t>(got);
  }
  contents.resize(done);
  return contents;
}

// ---- MemoryFileSystem --------------------------------------------------------------------------

std::string MemoryFileSystem::absolute(std::string_view path) const {
  return normalize_path(std::string("/") + std::string(path));
}

void MemoryFileSystem::add(std::string_view path, std::string text) {
  const std::string key = absolute(path);
  const auto [it, inserted] = files_.insert_or_assign(key, std::move(text));
  if (!inserted) return;
  for (std::size_t slash = key.rfind('/'); slash != std::string::npos && slash > 0; slash = key.rfind('/', slash - 1)) {
    ++directories_[key.substr(0, slash)];
  }
  ++directories_["/"];
}

ResolveResult MemoryFileSystem::resolve(std::string_view path) const {
  if (path.find('\0') != std::string_view::npos) return FileError{FileErrorKind::NotFound, "the path holds a NUL byte"};
  const std::string key = absolute(path);
  if (files_.find(key) != files_.end()) return ResolvedPath{key, FileKind::Regular};
  if (directories_.find(key) != directories_.end()) return ResolvedPath{key, FileKind::Directory};
  return FileError{FileErrorKind::NotFound, "no such file"};
}

ReadResult MemoryFileSystem::read(std::string_view path, std::uint64_t max_bytes) const {
  if (path.find('\0') != std::string_view::npos) return FileError{FileErrorKind::NotFound, "the path holds a NUL byte"};
  const std::string key = absolute(path);
  const auto it = files_.find(key);
  if (it == files_.end()) {
    if (directories_.find(key) != directories_.end()) return FileError{FileErrorKind::NotRegular, "it is a directory"};
    return FileError{FileErrorKind::NotFound, "no such file"};
  }
  if (it->second.size() > max_bytes) return too_large(it->second.size(), max_bytes);
  return it->second;
}

// ---- OverlayFileSystem -------------------------------------------------------------------------

std::string OverlayFileSystem::key_of(std::string_view path) const {
  const ResolveResult resolved = base_.resolve(path);
  if (const auto* found = std::get_if<ResolvedPath>(&resolved)) return found->path;
  return base_.absolute(path);
}

void OverlayFileSystem::set(std::string_view path, std::string text) {
  const std::string key = key_of(path);
  auto buffer = std::make_shared<const std::string>(std::move(text));
  const std::lock_guard lock(mutex_);
  buffers_[key] = std::move(buffer);
}

void OverlayFileSystem::remove(std::string_view path) {
  const std::string key = key_of(path);
  const std::lock_guard lock(mutex_);
  buffers_.erase(key);
}

ResolveResult OverlayFileSystem::resolve(std::string_view path) const {
  if (path.find('\0') != std::string_view::npos) return FileError{FileErrorKind::NotFound, "the path holds a NUL byte"};
  const std::string absolute_path = base_.absolute(path);
  {
    const std::lock_guard lock(mutex_);
    if (buffers_.find(absolute_path) != buffers_.end()) return ResolvedPath{absolute_path, FileKind::Regular};
  }
  ResolveResult resolved = base_.resolve(path);
  if (auto* found = std::get_if<ResolvedPath>(&resolved)) {
    const std::lock_guard lock(mutex_);
    if (buffers_.find(found->path) != buffers_.end()) found->kind = FileKind::Regular;
  }
  return resolved;
}

ReadResult OverlayFileSystem::read(std::string_view path, std::uint64_t max_bytes) const {
  if (path.find('\0') != std::string_view::npos) return FileError{FileErrorKind::NotFound, "the path holds a NUL byte"};
  std::shared_ptr<const std::string> buffer;
  {
    const std::string absolute_path = base_.absolute(path);
    const std::lock_guard lock(mutex_);
    if (const auto it = buffers_.find(absolute_path); it != buffers_.end()) buffer = it->second;
  }
  if (!buffer) {
    const ResolveResult resolved = base_.resolve(path);
    if (const auto* found = std::get_if<ResolvedPath>(&resolved)) {
      const std::lock_guard lock(mutex_);
      if (const auto it = buffers_.find(found->path); it != buffers_.end()) buffer = it->second;
    }
  }
  if (!buffer) return base_.read(path, max_bytes);
  if (buffer->size() > max_bytes) return too_large(buffer->size(), max_bytes);
  return *buffer;
}

}  // namespace bpc::driver
