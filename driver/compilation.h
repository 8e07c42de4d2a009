#pragma once

// The compilation library: the one entry point that the command line, the language server and
// the generation service call to turn blueprint files into a checked IR module.
//
//   FileSystem ──> load (imports confined to roots, budgets) ──> parse ──> check + lower
//              ──> pass pipeline ──> Compilation { sources, diagnostics, program, module }
//
// A compilation owns everything it made (no global state), so any number run at once on
// different threads. It reads files only through the FileSystem it is given (driver/file_system.h)
// and starts no threads; code generation (driver/build.h) runs on an executor the caller passes.
//
// It never throws for bad input: every problem, including a budget that ran out, a cancellation
// or the time limit, is a diagnostic in `diagnostics`, and `module` is then absent or, when
// lowering finished with errors, present but not to be generated from (`ok()` says which).

#include <optional>
#include <string>
#include <vector>

#include "base/interrupt.h"
#include "driver/budgets.h"
#include "driver/file_system.h"
#include "driver/program_loader.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/source/source_manager.h"
#include "ir/ir.h"
#include "check/program.h"
#include "check/symbol_index.h"
#include "passes/pass_manager.h"

namespace bpc::driver {

// How far a compilation goes.
enum class Phase : std::uint8_t {
  Parse,     // load and parse the files (syntax diagnostics only)
  Check,     // lower to IR with every semantic check (`bpc check` without routes, `bpc diff`)
  Pipeline,  // and run the standard pass pipeline (what `bpc build` generates from)
};

struct CompileOptions {
  std::vector<std::string> inputs;        // the files asked for
  std::vector<std::string> import_roots;  // where imports may lead; empty: the inputs' directories and search paths
  std::vector<std::string> search_paths;  // where imports not beside their importer are looked for
  Budgets budgets;
  CancellationToken cancellation;
  Phase stop_after = Phase::Pipeline;
  // Keep the syntax trees after lowering (the language server reads them); otherwise they are
  // released once lowered, as they are the larger part of peak memory.
  bool keep_syntax = false;
  // Build the symbol index (check/symbol_index.h): every declaration, every resolved name.
  bool build_index = false;
  // Give desugared operations their parameters (passes::PipelineOptions): what backends need.
  // The language server, which generates nothing, turns it off; the diagnostics are the same.
  bool operation_parameters = true;
  // Targets selected beyond the blueprint's own (`bpc build --target`): the checker warns about
  // names reserved in their languages too.
  std::vector<std::string> selected_targets;
  // The names `target NAME { }` may use; empty: every target of backends::standard_backends().
  std::vector<std::string> known_targets;
  // --print-after and the rest; its `interrupt` is set by compile().
  passes::Instrumentation instrumentation;
};

// Seconds spent in each phase, for `bpc check --stats` and the benchmarks.
struct PhaseTimes {
  double load_parse = 0;
  double lower = 0;
  double passes = 0;
};

struct Compilation {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  lowering::Program program;
  std::optional<ir::Module> module;  // absent when loading or parsing stopped the compilation
  std::optional<lowering::SymbolIndex> index;  // when asked for and lowering ran
  bool pipeline_completed = false;
  std::optional<Interrupted::Reason> interrupted;
  // The load budget that stopped the compilation before checking, if one did.
  std::optional<LoadBudget> budget_exhausted;
  PhaseTimes times;

  // Whether the module is complete and free of errors: what backends may be run on.
  bool ok() const { return module.has_value() && pipeline_completed && !diagnostics.has_errors(); }
  // The FileId of each of the module's files (ir::Location::file indexes it).
  std::vector<FileId> module_files() const;
};

// Compiles `options.inputs` read through `files`. `parser` decides whether a file's parse can be
// reused (driver/workspace.h); by default every file is parsed anew. The compilation's source
// manager starts as `sources` (a snapshot whose files it leaves alone), so two compilations can
// share one for diagnostics that mention both (`bpc diff`).
Compilation compile(const FileSystem& files, const CompileOptions& options, ParsedFileSource* parser = nullptr,
                    SourceManager sources = {});

}  // namespace bpc::driver
