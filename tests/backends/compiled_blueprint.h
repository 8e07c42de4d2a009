#pragma once

// Compiles blueprint text the way `bpc build` does before its backends run (one in-memory file,
// lowering with every check, the standard pass pipeline), for the backends' unit tests.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "passes/compile.h"

namespace bpc::backends::testing {

struct CompiledBlueprint {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  lowering::Program program;
  std::optional<ir::Module> module;  // absent, or with errors in `diagnostics`, when it did not check
  std::vector<FileId> files;         // the FileId of each module file, for a backend's diagnostics
};

inline std::unique_ptr<CompiledBlueprint> compile_blueprint(std::string text) {
  auto c = std::make_unique<CompiledBlueprint>();
  c->program = lowering::single_file_program(c->sources, "test.bpl", std::move(text), c->diagnostics);
  c->module = lowering::check_loaded(c->program, c->diagnostics);
  if (c->module && !c->diagnostics.has_errors()) {
    EXPECT_TRUE(passes::run_pipeline(*c->module, c->program, passes::Instrumentation{}, c->diagnostics));
  }
  for (const lowering::ProgramFile& file : c->program.files) c->files.push_back(file.parsed.file);
  return c;
}

}  // namespace bpc::backends::testing
