#pragma once

// Compiles blueprint text the way `bpc build` does before its backends run (one in-memory file,
// lowering with every check, the standard pass pipeline), for the backends' unit tests.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "driver/compilation.h"


namespace bpc::backends::testing {

struct CompiledBlueprint {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  lowering::Program program;
  std::optional<ir::Module> module;  // absent, or with errors in `diagnostics`, when it did not check
  std::vector<FileId> files;         // the FileId of each module file, for a backend's diagnostics
};

// Compiles `text` as the one file `test.bpl` of an in-memory file system, through the
// compilation library, as every front end does.
inline std::unique_ptr<CompiledBlueprint> compile_blueprint(std::string text) {
  driver::MemoryFileSystem files;
  files.add("test.bpl", std::move(text));
  driver::CompileOptions options;
  options.inputs = {"test.bpl"};
  driver::Compilation compiled = driver::compile(files, options);
  if (compiled.module && !compiled.diagnostics.has_errors()) {
    EXPECT_TRUE(compiled.pipeline_completed);
  }
  auto c = std::make_unique<CompiledBlueprint>();
  c->files = compiled.module_files();
  c->sources = std::move(compiled.sources);
  c->diagnostics = std::move(compiled.diagnostics);
  c->program = std::move(compiled.program);
  c->module = std::move(compiled.module);
  return c;
}

}  // namespace bpc::backends::testing
