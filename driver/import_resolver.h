#pragma once

// Confined imports. `import "path"` names a file relative to the importing file's directory, or
// to one of the search paths; the file found must lie inside one of the import roots. The roots
// are what the caller configures (`--import-root`), and by default the directories of the files
// the compilation was asked for plus the search paths.
//
// A candidate is checked twice: lexically, before anything is touched (`../../etc/passwd` is
// refused without a stat), and after the file system has followed symbolic links (a link inside
// a root that points outside it is refused too). Absolute paths, NUL bytes, backslashes and empty
// paths are refused outright; directories, FIFOs, devices and symbolic-link loops are refused with
// the reason. Nothing outside the roots is ever opened, and a refused file's contents are never
// read, so never echoed in a diagnostic.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "driver/file_system.h"
#include "frontend/diagnostics/diagnostic.h"

namespace bpc::driver {

struct ImportFound {
  std::string identity;  // the resolved path: one file, one identity, however it is reached
  std::string display;   // how diagnostics name it: the importing file's display directory + path
};

struct ImportRefused {
  DiagnosticKind kind;                  // BP2101, BP2108, BP2109, BP2110 or BP2111
  std::string detail;                   // the second argument of the kind's message, if it has one
  std::vector<std::string> looked_for;  // the candidates tried, for BP2101's notes
};

using ImportResolution = std::variant<ImportFound, ImportRefused>;

class ImportResolver {
 public:
  // `roots` empty: the directories of `inputs` and the search paths.
  ImportResolver(const FileSystem& files, const std::vector<std::string>& inputs,
                 const std::vector<std::string>& roots, std::vector<std::string> search_paths);

  // Resolves `target`, imported by the file shown as `importer_display`.
  ImportResolution resolve(std::string_view importer_display, std::string_view target) const;

  // The roots as configured (for notes that say where imports may go).
  const std::vector<std::string>& root_names() const { return root_names_; }
  bool has_search_paths() const { return !search_paths_.empty(); }

 private:
  struct Root {
    std::string lexical;  // absolute, normalised, links not followed
    std::string real;     // links followed; empty when the root does not exist
  };
  bool lexically_inside(std::string_view absolute) const;
  bool really_inside(std::string_view real) const;
  // A resolved path as diagnostics show it: relative to the working directory when inside it.
  std::string shown(const std::string& real) const;

  const FileSystem& files_;
  std::vector<Root> roots_;
  std::vector<std::string> root_names_;
  std::vector<std::string> search_paths_;
};

}  // namespace bpc::driver
