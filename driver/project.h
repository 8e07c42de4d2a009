#pragma once

// The project file, `bpc.json`: the settings a directory of blueprints shares, so that the
// command line and the editor compile it the same way without flags.
//
//   {
//     "sources": ["clinic.bpl"],          // the root blueprints (`bpc check` / `build` without files)
//     "importRoots": [".", "../shared"],  // where imports may lead (--import-root)
//     "importPaths": ["vendor"],          // where imports not beside their importer are looked for (-I)
//     "targets": ["typescript", "openapi"],  // what `bpc build` generates (--target); check warns for them
//     "out": "generated"                  // where `bpc build` writes (--out)
//   }
//
// JSON with comments (`//`, `/* */`). Paths are relative to the file's directory. The file's own
// problems are diagnostics with spans in it (BP9020-BP9024): bad JSON, unknown or misspelt
// settings, values of the wrong kind, paths that name nothing or the wrong kind of thing,
// unknown targets. A setting with a problem is left out; the others still apply.
//
// `find_project_file` finds the file that governs a path: the nearest `bpc.json` in the path's
// directory or above, as tsconfig.json and buf.yaml are found.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/compilation.h"
#include "driver/file_system.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/source/source_manager.h"

namespace bpc::driver {

inline constexpr std::string_view kProjectFileName = "bpc.json";

struct Project {
  std::string file;       // absolute path of the project file
  std::string directory;  // its directory, which relative paths start from
  FileId source;          // the file in the SourceManager it was read into (none when unreadable)
  // Absolute, normalised paths.
  std::vector<std::string> sources;
  std::vector<std::string> import_roots;
  std::vector<std::string> search_paths;
  std::vector<std::string> targets;
  std::optional<std::string> out;

  // Adds the project's settings to `options`: its import roots and paths before the ones already
  // there, and its targets when `options` selects none.
  void apply_to(CompileOptions& options) const;
};

// Reads and checks the project file at `path`. The file is added to `sources`; its problems are
// reported to `diagnostics`. Targets are checked against `known_targets` (and `all`).
Project load_project(const FileSystem& files, std::string_view path, const std::vector<std::string>& known_targets,
                     SourceManager& sources, DiagnosticEngine& diagnostics);

// The project file for `path` (a file or a directory): `bpc.json` in the directory itself, or in
// the nearest directory above it that has one. None when there is none up to the file system's root.
std::optional<std::string> find_project_file(const FileSystem& files, std::string_view path);

// Whether `path` names a project file (by its name).
bool is_project_file(std::string_view path);

}  // namespace bpc::driver
