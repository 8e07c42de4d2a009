#pragma once

// Where a compilation's files come from. The compiler never opens a file itself: it asks a
// FileSystem, so the same compilation runs over
//   - DiskFileSystem: the real disk (the command line);
//   - MemoryFileSystem: files held in memory and nothing else (the service, tests, fuzzers);
//   - OverlayFileSystem: unsaved editor buffers over another file system (the language server).
//
// Paths are POSIX-style strings. A file system answers two questions: what a path really names
// (`resolve`: lexically normalised, symbolic links followed, with the kind of thing found there)
// and what a regular file holds (`read`, bounded in size). The import resolver
// (driver/import_resolver.h) uses the first to keep every import inside its roots, before it
// reads a byte. Neither call may block on a FIFO or a device, or follow a symbolic-link loop
// forever; each failure comes back as a FileError with a reason a person can act on.
//
// File systems are read from several compilations at once (the service, the language server)
// and must be safe to call concurrently; the in-memory ones are immutable after construction
// or guarded.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace bpc::driver {

enum class FileKind : std::uint8_t { Regular, Directory, Other };

enum class FileErrorKind : std::uint8_t {
  NotFound,         // nothing there
  NotRegular,       // a directory, FIFO, socket or device
  SymlinkLoop,      // too many levels of symbolic links
  TooLarge,         // over the byte limit the caller gave
  AccessDenied,     // permissions
  Other,            // any other I/O error
};

struct FileError {
  FileErrorKind kind;
  std::string message;     // "no such file", "it is a directory"... never the contents
  std::uint64_t size = 0;  // TooLarge: the file's size
};

struct ResolvedPath {
  std::string path;  // absolute for the disk, normalised; the identity of the file
  FileKind kind;
};

// The text of a file, or why it cannot be had.
using ReadResult = std::variant<std::string, FileError>;
using ResolveResult = std::variant<ResolvedPath, FileError>;

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The normalised absolute form of `path`, without touching any file: relative paths are taken
  // from the file system's working directory (the process's for the disk, `/` in memory).
  virtual std::string absolute(std::string_view path) const = 0;
  // What `path` names, symbolic links followed.
  virtual ResolveResult resolve(std::string_view path) const = 0;
  // The contents of a regular file of at most `max_bytes` bytes.
  virtual ReadResult read(std::string_view path, std::uint64_t max_bytes) const = 0;
};

// The lexically normal form of a path (`a/./b/../c` -> `a/c`), without touching any disk.
std::string normalize_path(std::string_view path);

// The directory part of a path: `a/b` -> `a`, `/a` -> `/`, `a` -> `.`.
std::string parent_directory(std::string_view path);

// Whether `path` is `root` or inside it; both must be normalised and absolute.
bool path_is_within(std::string_view path, std::string_view root);

class DiskFileSystem final : public FileSystem {
 public:
  std::string absolute(std::string_view path) const override;
  ResolveResult resolve(std::string_view path) const override;
  ReadResult read(std::string_view path, std::uint64_t max_bytes) const override;
};

// Files in memory under absolute paths (`/main.bpl`); a relative path is taken from `/`.
// Directories exist implicitly, as the parents of files.
class MemoryFileSystem final : public FileSystem {
 public:
  // Adds or replaces a file. Not safe while another thread reads this file system.
  void add(std::string_view path, std::string text);

  std::string absolute(std::string_view path) const override;
  ResolveResult resolve(std::string_view path) const override;
  ReadResult read(std::string_view path, std::uint64_t max_bytes) const override;

 private:
  std::map<std::string, std::string, std::less<>> files_;
  std::map<std::string, int, std::less<>> directories_;  // each directory: how many files under it
};

// Buffers that take the place of files of an underlying file system (and may add files it does
// not have), as an editor's unsaved documents do. Setting and removing buffers is safe while
// compilations read through the overlay; a compilation sees each buffer either before or after a
// change, never torn.
class OverlayFileSystem final : public FileSystem {
 public:
  explicit OverlayFileSystem(const FileSystem& base) : base_(base) {}

  // `path` is resolved by the base when it can be (so a buffer over a file reached through a
  // symbolic link overlays that file), else normalised.
  void set(std::string_view path, std::string text);
  void remove(std::string_view path);

  std::string absolute(std::string_view path) const override { return base_.absolute(path); }
  ResolveResult resolve(std::string_view path) const override;
  ReadResult read(std::string_view path, std::uint64_t max_bytes) const override;

 private:
  std::string key_of(std::string_view path) const;

  const FileSystem& base_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> buffers_;
};

}  // namespace bpc::driver
