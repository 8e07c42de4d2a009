#pragma once

// A workspace compiles the same blueprint again and again as its files change (an editor's
// buffers, a service's successive versions), reusing what did not change.
//
// Each file keeps one FileId for the workspace's life. A compilation reads every file through
// the file system as usual; when a file's text and display path equal those of its last parse,
// the workspace hands back that parse (tokens and syntax tree, which are immutable and shared)
// with its syntax diagnostics, instead of lexing and parsing again. Each compilation still gets a
// source manager of its own: a snapshot in which a changed file is a new SourceFile at its old
// FileId, so a compilation's results stay valid while later ones run.
//
// A file that no compilation has used for kEvictAfter compilations is forgotten. Compilations of
// one workspace run one at a time (compile() takes a lock); separate workspaces share nothing.

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "driver/compilation.h"

namespace bpc::driver {

class Workspace {
 public:
  explicit Workspace(const FileSystem& files) : files_(files) {}

  Compilation compile(const CompileOptions& options);

  // How many parses the last compilation reused and made (for tests and benchmarks).
  struct Reuse {
    std::uint32_t reused = 0;
    std::uint32_t parsed = 0;
  };
  Reuse last_reuse() const { return last_reuse_; }

 private:
  static constexpr std::uint32_t kEvictAfter = 8;

  struct Entry {
    FileId file;
    std::shared_ptr<const SourceFile> source;
    ParsedFile parsed;
    std::vector<Diagnostic> diagnostics;  // the syntax diagnostics of the parse
    int max_nesting = 0;                  // the budget it was parsed under
    std::uint64_t last_used = 0;          // the compilation that last used it
  };

  class CachingParse;

  const FileSystem& files_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by identity (resolved path)
  std::uint32_t next_file_ = 0;
  std::uint64_t generation_ = 0;
  Reuse last_reuse_;
};

}  // namespace bpc::driver
