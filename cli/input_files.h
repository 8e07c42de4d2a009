#pragma once

// What every compiling subcommand takes about its inputs: the files, the import search paths and
// roots, and the budgets (`--time-limit`); the project file `check` and `build` follow
// (driver/project.h); and loading the files named on a command line for the syntax-only commands
// ("-" means standard input).

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/diagnostic_options.h"
#include "driver/compilation.h"
#include "driver/file_system.h"
#include "driver/project.h"
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

// The project a command follows, read before it compiles.
struct ProjectSetup {
  SourceManager sources;  // holds the project file, for the diagnostics about it
  DiagnosticEngine diagnostics;
  std::optional<driver::Project> project;
  std::vector<std::string> inputs;  // the files named, or else the project's sources

  // When the command cannot start (the project file has errors, or there is nothing to compile):
  // prints why and gives the exit code.
  std::optional<int> refusal(std::string_view command, const DiagnosticOptions& printing) const;
  // The compile options for the inputs (or `others`): the command line's, then the project's settings.
  driver::CompileOptions compile_options(const ImportOptions& imports, std::vector<std::string> targets,
                                         std::optional<std::vector<std::string>> others = std::nullopt) const;
  // Compiles with the project's own diagnostics (warnings) among the compilation's.
  driver::Compilation compile(const driver::FileSystem& files, const driver::CompileOptions& options);
};

struct ProjectOptions {
  std::string project;      // --project: a bpc.json, or a directory holding one
  bool no_project = false;  // --no-project

  void add_to(CLI::App& command);
  // The project `--project` names, else the one that governs the first file named (with none
  // named, the working directory); none with --no-project.
  ProjectSetup load(const driver::FileSystem& files, const std::vector<std::string>& named) const;
};

// Loads each path through `files` ("-" reads standard input); unreadable ones are reported
// (BP9001) and skipped.
std::vector<FileId> load_inputs(const driver::FileSystem& files, const std::vector<std::string>& paths,
                                SourceManager& sources, DiagnosticEngine& diagnostics);

}  // namespace bpc::cli
