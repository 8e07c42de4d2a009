#pragma once

// The virtual output directory a backend writes a whole project into.
//
// Backends never touch the disk. They `add` files, by paths relative to the project root, to an
// OutputDirectory held in memory; the writer (writer.h) later puts the directory on disk, and
// tests, dry runs and the out-of-process protocol read it as it is. This is protobuf's
// GeneratorContext idea (compiler/code_generator.h), with the path checks done when a file is
// added, so a bad path is reported against the backend that produced it, and done for every
// platform at once: a project generated on Linux must also check out on Windows and macOS.
//
// A path is refused (OutputError is thrown, see below) when it is:
//   - empty, absolute (`/x`), or has an empty component (`a//b`, `a/`);
//   - has a `.` or `..` component;
//   - contains a backslash, a NUL or other control character (U+0000-U+001F, U+007F), or is not
//     valid UTF-8;
//   - contains `:` (Windows drive letters such as `C:x`, and NTFS streams) or any of `<>"|?*`;
//   - has a component that ends with `.` or a space, or is a Windows device name (`CON`, `PRN`,
//     `AUX`, `NUL`, `COM1`-`COM9`, `LPT1`-`LPT9`, with or without an extension, in any case);
//   - has a component longer than 255 bytes;
//   - is reserved for bpc's own files: a component that starts with `.bpc-` (the manifest
//     `.bpc-manifest.json`, temporary files) or a name ending in `.orphaned-user-code`;
//   - already added (the same path twice), or differs only by case from a path already added
//     (`Src/App.ts` after `src/app.ts`, or a directory spelled `Src` after `src`): on
//     case-insensitive file systems these are one file. Case is compared for ASCII letters only;
//   - a file where another file needs a directory (`a` and `a/b`, in either order).
//
// Files are kept sorted by path (bytewise), so iteration order is deterministic whatever order
// the backend added them in. Each file records whether it is *generated* (bpc owns it: rewritten
// on every build, removed when no longer produced, protected by the manifest) or *scaffold*
// (written once for the user to own: created when missing, never updated or removed), and the
// comment syntax of its user-code regions, if it has any (user_regions.h). A file's region
// markers are checked when it is added, and region keys must be unique across the whole
// directory, since a region follows its key from file to file.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backends/output/user_regions.h"
#include "base/interrupt.h"

namespace bpc::backends {

// Thrown by OutputDirectory::add for a refused path or malformed user-code markers. The backend
// framework catches it and reports it as the failing backend's error.
class OutputError : public std::runtime_error {
 public:
  OutputError(std::string path, std::string reason);
  const std::string& path() const { return path_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

enum class FileKind : std::uint8_t {
  Generated,  // owned by bpc
  Scaffold,   // created once, then owned by the user
};

struct FileOptions {
  FileKind kind = FileKind::Generated;
  // The comment syntax of the file's user-code regions; nullopt when it has none.
  std::optional<CommentSyntax> user_code;
};

struct OutputFile {
  std::string path;
  std::string contents;
  FileKind kind = FileKind::Generated;
  std::optional<CommentSyntax> user_code;

  bool generated() const { return kind == FileKind::Generated; }
};

class OutputDirectory {
 public:
  using Files = std::map<std::string, OutputFile, std::less<>>;

  // Adds a file; throws OutputError when the path is refused or `contents` has malformed or
  // duplicate user-code markers. Returns the stored file.
  const OutputFile& add(std::string path, std::string contents, FileOptions options = {});
  // Polled by every `add`, so a cancelled or timed-out build stops inside its backends
  // (Interrupted propagates out of the backend). Null: never interrupted.
  void set_interrupt(const Interrupt* interrupt) { interrupt_ = interrupt; }

  // Why `path` is not a valid output path on its own (the rules that do not depend on the other
  // files), or nullopt when it is.
  static std::optional<std::string> check_path(std::string_view path);

  const OutputFile* find(std::string_view path) const;
  bool contains(std::string_view path) const { return find(path) != nullptr; }
  std::size_t size() const { return files_.size(); }
  bool empty() const { return files_.empty(); }

  // A line for the build summary about what the backend could not do in this project, such as
  // generated tests it had to skip (`tests: 2 skipped (see README.md)`); front ends print them
  // under the target's summary line.
  void report(std::string line) { reports_.push_back(std::move(line)); }
  const std::vector<std::string>& reports() const { return reports_; }

  // All files, sorted by path.
  const Files& files() const { return files_; }
  Files::const_iterator begin() const { return files_.begin(); }
  Files::const_iterator end() const { return files_.end(); }

 private:
  Files files_;
  std::unordered_map<std::string, std::string> folded_files_;  // lowercased path -> path
  // lowercased directory -> (its spelling, a file under it)
  std::unordered_map<std::string, std::pair<std::string, std::string>> folded_dirs_;
  std::unordered_map<std::string, std::string> region_keys_;  // key -> path of its file
  std::vector<std::string> reports_;
  const Interrupt* interrupt_ = nullptr;
};

}  // namespace bpc::backends
