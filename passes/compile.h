#pragma once

// Everything `bpc check`, `bpc ir` and `bpc build` do before code generation: load and check
// the program (ir/lowering/check.h), then run the standard pass pipeline over its IR.

#include <optional>
#include <string>
#include <vector>

#include "ir/lowering/check.h"
#include "passes/pass_manager.h"

namespace bpc::passes {

struct CompileResult {
  lowering::Program program;
  std::optional<ir::Module> module;  // absent when errors stopped compilation before lowering
  bool pipeline_completed = false;
};

CompileResult compile(SourceManager& sources, const std::vector<std::string>& roots,
                      const lowering::LoadOptions& options, const Instrumentation& instrumentation,
                      DiagnosticEngine& diagnostics);

// Runs the standard pipeline over the module of a loaded program; returns whether it completed.
bool run_pipeline(ir::Module& module, const lowering::Program& program,
                  const Instrumentation& instrumentation, DiagnosticEngine& diagnostics);

}  // namespace bpc::passes
