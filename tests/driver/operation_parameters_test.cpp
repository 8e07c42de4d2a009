// The language server compiles without operation parameters (passes::PipelineOptions); that must
// change nothing a user sees: on every example, corpus and checker test blueprint, the same
// diagnostics (code, span, message) and the same operations (name, kind, method, route).

#include <filesystem>

#include <gtest/gtest.h>

#include "driver/compilation.h"

namespace bpc::driver {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> blueprints() {
  std::vector<std::string> files;
  const fs::path source(BPC_SOURCE_DIR);
  for (const char* directory : {"examples", "tests/corpus", "tests/check", "tests/golden"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source / directory)) {
      if (entry.path().extension() == ".bpl") files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string diagnostics_of(const Compilation& compilation) {
  std::string out;
  for (const Diagnostic& diagnostic : compilation.diagnostics.sorted()) {
    out += std::string(info(diagnostic.kind).code) + " " + std::to_string(diagnostic.span.begin) + "-" +
           std::to_string(diagnostic.span.end) + " " + diagnostic.message + "\n";
  }
  return out;
}

std::string operations_of(const Compilation& compilation) {
  std::string out;
  if (!compilation.module) return out;
  for (const ir::Operation& operation : compilation.module->operations) {
    out += operation.name + " " + std::to_string(static_cast<int>(operation.kind)) + " " +
           std::to_string(static_cast<int>(operation.method)) + " " + operation.path + "\n";
  }
  return out;
}

TEST(OperationParameters, LeavingThemOutChangesNoDiagnosticAndNoRoute) {
  const DiskFileSystem disk;
  std::size_t leaner = 0;
  const std::vector<std::string> files = blueprints();
  for (const std::string& file : files) {
    CompileOptions options;
    options.inputs = {file};
    const Compilation full = compile(disk, options);
    options.operation_parameters = false;
    const Compilation lean = compile(disk, options);
    EXPECT_EQ(diagnostics_of(lean), diagnostics_of(full)) << file;
    EXPECT_EQ(operations_of(lean), operations_of(full)) << file;
    if (lean.module && full.module && lean.module->fields.size() < full.module->fields.size()) ++leaner;
  }
  EXPECT_GE(files.size(), 300u) << files.size();
  EXPECT_GE(leaner, 30u);  // the comparison covered real APIs whose operations did lose their parameters
}

}  // namespace
}  // namespace bpc::driver
