#pragma once

// A program is every file of one compilation, parsed: the root files a compilation was asked for
// and, transitively, every file they import. The driver loads it (driver/program_loader.h);
// the lowering reads it. Files are ordered by path, not by the order they were named or
// discovered in, so the same set of files always lowers to the same IR.

#include <string>
#include <vector>

#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/frontend.h"
#include "frontend/source/source_manager.h"

namespace bpc::lowering {

struct ProgramFile {
  std::string path;  // as displayed: as given on the command line, or as resolved for an import
  ParsedFile parsed;
  bool is_root = false;  // named on the command line and imported by no other file
};

struct Program {
  std::vector<ProgramFile> files;  // sorted by path
  // An import could not be loaded: names it might have declared are not reported as unknown.
  bool has_missing_imports = false;
};

// Drops the program's hold on its tokens and syntax trees (its sources stay in the source
// manager): after lowering only the IR is needed, and they are the larger part of peak memory.
void release_syntax(Program& program);

// A program of one in-memory root file whose imports are not followed, for tests and fuzzing.
Program single_file_program(SourceManager& sources, std::string path, std::string text,
                            DiagnosticEngine& diagnostics);

}  // namespace bpc::lowering
