#pragma once

// What every compiling subcommand takes about its inputs: the files, the import search paths and
// roots, and the budgets (`--time-limit`); and loading the files named on a command line for the
// syntax-only commands ("-" means standard input).

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "driver/compilation.h"
#include "driver/file_system.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/source/source_manager.h"

namespace bpc::cli {

struct ImportOptions {
  std::vector<std::string> search_paths;
  std::vector<std::string> import_roots;
  std::uint64_t time_limit_ms = 0;

  void add_to(CLI::App& command);
  // Compile options for `inputs` with these imports and budgets.
  driver::CompileOptions compile_options(std::vector<std::string> inputs) const;
};

// Loads each path through `files` ("-" reads standard input); unreadable ones are reported
// (BP9001) and skipped.
std::vector<FileId> load_inputs(const driver::FileSystem& files, const std::vector<std::string>& paths,
                                SourceManager& sources, DiagnosticEngine& diagnostics);

}  // namespace bpc::cli
