// The IR JSON of every real blueprint (the examples, and every valid corpus file that checks
// clean) loads back into an equal module and prints the same bytes.

#include <filesystem>

#include <gtest/gtest.h>

#include "ir/json.h"
#include "ir/verifier.h"
#include "driver/compilation.h"

namespace bpc {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> blueprint_roots() {
  std::vector<std::string> roots;
  const fs::path source(BPC_SOURCE_DIR);
  for (const auto& entry : fs::recursive_directory_iterator(source / "examples")) {
    if (entry.path().extension() == ".bpl" && entry.path().parent_path().filename() != "errors") {
      roots.push_back(entry.path().string());
    }
  }
  for (const auto& entry : fs::directory_iterator(source / "tests/corpus/valid")) roots.push_back(entry.path().string());
  std::sort(roots.begin(), roots.end());
  return roots;
}

TEST(IrRoundTrip, EveryCheckedBlueprintRoundTripsExactly) {
  std::size_t round_tripped = 0;
  for (const std::string& root : blueprint_roots()) {
    const driver::DiskFileSystem disk;
    driver::CompileOptions options;
    options.inputs = {root};
    const driver::Compilation result = driver::compile(disk, options);
    if (!result.module || result.diagnostics.has_errors()) continue;  // corpus files test syntax only
    EXPECT_EQ(ir::verify(*result.module), std::vector<std::string>{}) << root;
    const std::string json = ir::module_to_json(*result.module);
    std::vector<std::string> errors;
    const std::optional<ir::Module> loaded = ir::module_from_json(json, errors);
    ASSERT_TRUE(loaded.has_value()) << root << ": " << (errors.empty() ? "" : errors.front());
    EXPECT_TRUE(*loaded == *result.module) << root;
    EXPECT_EQ(ir::module_to_json(*loaded), json) << root;
    ++round_tripped;
  }
  // Every example checks clean, so at least they were compared.
  EXPECT_GE(round_tripped, 8u);
}

}  // namespace
}  // namespace bpc
