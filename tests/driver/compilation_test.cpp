// The compilation library end to end on in-memory files: a multi-file blueprint compiles with no
// disk at all; every budget is a diagnostic; cancellation and the time limit stop a compilation
// promptly; compilations share nothing, so several run at once.

#include "driver/compilation.h"

#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ir/json.h"
#include "tests/driver/test_support.h"

namespace bpc::driver {
namespace {

using testing::codes;
using testing::messages;

MemoryFileSystem clinic() {
  MemoryFileSystem files;
  files.add("clinic/main.bpl",
            "blueprint Clinic {\n  version \"1.0.0\"\n}\n"
            "import \"people.bpl\"\n"
            "entity Appointment {\n  id: uuid @id @generated\n  patient: Patient\n}\n");
  files.add("clinic/people.bpl", "entity Patient {\n  id: uuid @id @generated\n  name: string\n}\n");
  return files;
}

// `count` entities, each referring to the one before.
std::string many_entities(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += fmt::format("entity E{} {{\n  id: uuid @id @generated\n  name: string @maxLength(40)\n", i);
    if (i > 0) text += fmt::format("  previous: E{}?\n", i - 1);
    text += "}\n";
  }
  return text;
}

TEST(Compile, AMultiFileBlueprintCompilesFromMemory) {
  const MemoryFileSystem files = clinic();
  CompileOptions options;
  options.inputs = {"clinic/main.bpl"};
  const Compilation result = compile(files, options);
  ASSERT_TRUE(result.ok()) << messages(result.diagnostics);
  EXPECT_EQ(result.module->entities.size(), 2u);
  EXPECT_EQ(result.module->files, (std::vector<std::string>{"clinic/main.bpl", "clinic/people.bpl"}));
}

TEST(Compile, TooManyFilesIsADiagnostic) {
  const MemoryFileSystem files = clinic();
  CompileOptions options;
  options.inputs = {"clinic/main.bpl"};
  options.budgets.max_files = 1;
  const Compilation result = compile(files, options);
  EXPECT_FALSE(result.module.has_value());
  EXPECT_EQ(codes(result.diagnostics), std::vector<std::string>{"BP9003"}) << messages(result.diagnostics);
  EXPECT_EQ(result.budget_exhausted, LoadBudget::Files);
}

TEST(Compile, TooManyBytesIsADiagnostic) {
  const MemoryFileSystem files = clinic();
  CompileOptions options;
  options.inputs = {"clinic/main.bpl"};
  options.budgets.max_total_bytes = 150;
  const Compilation over_total = compile(files, options);
  EXPECT_EQ(codes(over_total.diagnostics), std::vector<std::string>{"BP9004"});
  EXPECT_EQ(over_total.budget_exhausted, LoadBudget::TotalBytes);
  options.budgets.max_total_bytes = 1 << 20;
  options.budgets.max_file_bytes = 10;
  // One file too large is that file's error, not a budget that stops the compilation.
  const Compilation over_file = compile(files, options);
  EXPECT_EQ(codes(over_file.diagnostics), std::vector<std::string>{"BP1002"});
  EXPECT_FALSE(over_file.budget_exhausted.has_value());
}

TEST(Compile, TooManyDeclarationsIsADiagnostic) {
  MemoryFileSystem files;
  files.add("big.bpl", many_entities(50));
  CompileOptions options;
  options.inputs = {"big.bpl"};
  options.budgets.max_declarations = 49;
  const Compilation result = compile(files, options);
  EXPECT_EQ(codes(result.diagnostics), std::vector<std::string>{"BP9005"}) << messages(result.diagnostics);
  EXPECT_EQ(result.budget_exhausted, LoadBudget::Declarations);
}

TEST(Compile, TheNestingBudgetBoundsTheParser) {
  MemoryFileSystem files;
  files.add("deep.bpl", "entity A {\n  id: uuid @id @generated\n  tags: list<string> = [[[[[[\"x\"]]]]]]\n}\n");
  CompileOptions options;
  options.inputs = {"deep.bpl"};
  options.budgets.max_nesting = 4;
  const Compilation result = compile(files, options);
  const std::vector<std::string> found = codes(result.diagnostics);
  EXPECT_NE(std::find(found.begin(), found.end(), "BP1109"), found.end()) << messages(result.diagnostics);
  EXPECT_NE(messages(result.diagnostics).find("deeper than 4 levels"), std::string::npos);
}

TEST(Compile, ACancelledCompilationStopsWithADiagnostic) {
  MemoryFileSystem files;
  files.add("big.bpl", many_entities(200));
  CancellationSource source;
  source.cancel();
  CompileOptions options;
  options.inputs = {"big.bpl"};
  options.cancellation = source.token();
  const Compilation result = compile(files, options);
  EXPECT_FALSE(result.module.has_value());
  EXPECT_EQ(result.interrupted, Interrupted::Reason::Cancelled);
  EXPECT_EQ(codes(result.diagnostics), std::vector<std::string>{"BP9006"});
}

TEST(Compile, CancellingFromAnotherThreadStopsALongCompilation) {
  MemoryFileSystem files;
  files.add("huge.bpl", many_entities(100'000));
  CancellationSource source;
  CompileOptions options;
  options.inputs = {"huge.bpl"};
  options.cancellation = source.token();
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    source.cancel();
  });
  const Compilation result = compile(files, options);
  canceller.join();
  // 100,000 entities take far longer than 20 ms to parse, lower and pass: it was stopped.
  EXPECT_EQ(result.interrupted, Interrupted::Reason::Cancelled) << messages(result.diagnostics);
}

TEST(Compile, TheTimeLimitStopsACompilation) {
  MemoryFileSystem files;
  files.add("big.bpl", many_entities(200));
  CompileOptions options;
  options.inputs = {"big.bpl"};
  options.budgets.time_limit = std::chrono::milliseconds(0);
  const Compilation result = compile(files, options);
  EXPECT_EQ(result.interrupted, Interrupted::Reason::DeadlineExceeded);
  EXPECT_EQ(messages(result.diagnostics),
            "BP9007: compilation stopped: it ran longer than its time limit of 0 ms\n");
}

TEST(Compile, CompilationsShareNothingAndRunAtOnce) {
  MemoryFileSystem files;
  files.add("model.bpl", many_entities(300));
  CompileOptions options;
  options.inputs = {"model.bpl"};
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::string& output : outputs) {
    threads.emplace_back([&] {
      const Compilation result = compile(files, options);
      output = result.ok() ? ir::module_to_json(*result.module) : messages(result.diagnostics);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& output : outputs) EXPECT_EQ(output, outputs.front());
  EXPECT_NE(outputs.front().find("\"E299\""), std::string::npos);
}

}  // namespace
}  // namespace bpc::driver

namespace bpc::driver {
namespace {

// One casing implementation (base/casing.h) for routes and generated names: an acronym is one
// word, so `APIKey` is `api-key` in a route, as it is `api_key` in Python.
TEST(Compile, RoutesSpellAcronymsAsOneWord) {
  MemoryFileSystem files;
  files.add("keys.bpl",
            "blueprint Keys {\n  version \"1.0.0\"\n}\n"
            "role Admin\npolicy {\n  allow Admin to *\n}\n"
            "entity APIKey {\n  id: uuid @id @generated\n}\n"
            "api Keys at \"/v1\" {\n  resource APIKey { list }\n"
            "  operation rotateAPIKeys() -> int\n}\n");
  CompileOptions options;
  options.inputs = {"keys.bpl"};
  const Compilation result = compile(files, options);
  ASSERT_TRUE(result.ok()) << testing::messages(result.diagnostics);
  std::vector<std::string> paths;
  for (const ir::Operation& operation : result.module->operations) paths.push_back(operation.path);
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"/api-keys", "/rotate-api-keys"}));
}

}  // namespace
}  // namespace bpc::driver
