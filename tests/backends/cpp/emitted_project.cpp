#include "emitted_project.h"

#include <gtest/gtest.h>

#include "backends/backend.h"
#include "backends/cpp/cpp_backend.h"
#include "driver/compilation.h"
#include "driver/file_system.h"

namespace bpc::backends {

OutputDirectory emit_cpp_project(const std::string& blueprint) {
  driver::DiskFileSystem files;
  driver::CompileOptions compile_options;
  compile_options.inputs = {std::string(BPC_SOURCE_DIR) + "/" + blueprint};
  const driver::Compilation compiled = driver::compile(files, compile_options);
  EXPECT_TRUE(compiled.ok()) << blueprint << " does not check";
  OutputDirectory out;
  if (!compiled.ok()) return out;
  cpp::CppBackend backend;
  DiagnosticEngine diagnostics;
  const Options options = *resolve_options(backend, nullptr, {}, diagnostics);
  EXPECT_TRUE(run_backend(backend, *compiled.module, options, out, diagnostics));
  return out;
}

}  // namespace bpc::backends
