#pragma once

// Loading a program through a file system: the files a compilation is asked for and,
// transitively, every file they import (confined by driver/import_resolver.h), each read once
// (files are identified by their resolved path), parsed, and checked against the budgets. Import
// cycles are reported with the whole cycle. Files are ordered by display path, so the same set of
// files always lowers to the same IR whatever order they were named in.
//
// Parsing goes through a ParsedFileSource, so the workspace (driver/workspace.h) can hand back
// the parse of a file whose text has not changed since the last compilation.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/interrupt.h"
#include "driver/budgets.h"
#include "driver/file_system.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/frontend.h"
#include "check/program.h"

namespace bpc::driver {

class ParsedFileSource {
 public:
  virtual ~ParsedFileSource() = default;
  // Adds `text` to `sources` as the file `display` (identified by `identity`) and parses it;
  // syntax diagnostics go to `diagnostics`.
  virtual ParsedFile parse(const std::string& identity, const std::string& display, std::string text,
                           SourceManager& sources, DiagnosticEngine& diagnostics, const ParseOptions& options) = 0;
};

// Parses every file anew.
class FreshParse final : public ParsedFileSource {
 public:
  ParsedFile parse(const std::string& identity, const std::string& display, std::string text,
                   SourceManager& sources, DiagnosticEngine& diagnostics, const ParseOptions& options) override;
};

struct LoadRequest {
  std::vector<std::string> inputs;        // the files asked for
  std::vector<std::string> import_roots;  // empty: the inputs' directories and the search paths
  std::vector<std::string> search_paths;
  Budgets budgets;
};

struct LoadedProgram {
  lowering::Program program;
  // Set when loading stopped at a budget (reported as BP9003-BP9005): the program is what was
  // loaded by then, to show its diagnostics, and is not checked further.
  std::optional<LoadBudget> exhausted;
};

LoadedProgram load_program(const FileSystem& files, const LoadRequest& request, SourceManager& sources,
                           DiagnosticEngine& diagnostics, ParsedFileSource& parser, const Interrupt& interrupt);

// Reads one file named by the user into `sources` (for `bpc parse` and `bpc fmt`): BP9001 when
// it cannot be read, including when it is not a regular file or is larger than `max_bytes`.
std::optional<FileId> read_source(const FileSystem& files, const std::string& path, std::uint64_t max_bytes,
                                  SourceManager& sources, DiagnosticEngine& diagnostics);

}  // namespace bpc::driver
