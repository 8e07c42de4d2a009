// Builds through the library: targets run as tasks on the caller's executor and stay in memory;
// target problems are coded diagnostics.

#include "driver/build.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>

#include "backends/openapi/openapi_backend.h"
#include "tests/driver/test_support.h"

namespace bpc::driver {
namespace {

using testing::codes;
using testing::messages;

Compilation compiled(const std::string& text) {
  MemoryFileSystem files;
  files.add("shop.bpl", text);
  CompileOptions options;
  options.inputs = {"shop.bpl"};
  return compile(files, options);
}

constexpr const char* kShop =
    "blueprint Shop {\n  version \"1.0.0\"\n}\n"
    "entity Order {\n  id: uuid @id @generated\n  total: int @min(0)\n}\n"
    "target openapi {}\ntarget cpp {}\n";

// Counts the tasks it ran, one after another.
class CountingExecutor final : public Executor {
 public:
  void run_all(std::span<const std::function<void()>> tasks) override {
    for (const auto& task : tasks) {
      task();
      ++ran;
    }
  }
  int ran = 0;
};

// Runs every task on a thread of its own, all at once.
class ThreadPerTask final : public Executor {
 public:
  void run_all(std::span<const std::function<void()>> tasks) override {
    std::vector<std::thread> threads;
    for (const auto& task : tasks) threads.emplace_back(task);
    for (std::thread& thread : threads) thread.join();
  }
};

// The files of the build's first target, by path.
std::map<std::string, std::string> contents(const BuildResult& result) {
  std::map<std::string, std::string> files;
  for (const auto& [path, file] : result.targets[0].output.files()) files.emplace(path, file.contents);
  return files;
}

TEST(Build, TargetsRunOnTheCallersExecutorAndStayInMemory) {
  Compilation compilation = compiled(kShop);
  ASSERT_TRUE(compilation.ok()) << messages(compilation.diagnostics);
  const backends::BackendRegistry registry = backends::standard_backends();
  BuildRequest request;
  request.targets = {"jsonschema", "openapi"};
  CountingExecutor executor;
  DiagnosticEngine diagnostics;
  const BuildResult result = build(compilation, registry, request, executor, diagnostics);
  EXPECT_TRUE(result.ok()) << messages(diagnostics);
  EXPECT_EQ(executor.ran, 2);
  ASSERT_EQ(result.targets.size(), 2u);
  EXPECT_EQ(result.targets[0].name, "jsonschema");
  EXPECT_FALSE(result.targets[0].summary.has_value());  // nothing written
  EXPECT_FALSE(result.targets[0].output.empty());
}

// The typescript backend serves the OpenAPI documents: building them is a task of its own on the
// caller's executor, beside the emit that reads them, and the project is the same whether the two
// tasks run one after the other or at once.
TEST(Build, SharedWorkIsATaskOfItsOwn) {
  Compilation compilation = compiled(kShop);
  ASSERT_TRUE(compilation.ok()) << messages(compilation.diagnostics);
  const backends::BackendRegistry registry = backends::standard_backends();
  BuildRequest request;
  request.targets = {"typescript"};
  CountingExecutor counting;
  DiagnosticEngine diagnostics;
  const BuildResult in_order = build(compilation, registry, request, counting, diagnostics);
  ASSERT_TRUE(in_order.ok()) << messages(diagnostics);
  EXPECT_EQ(counting.ran, 2);
  ThreadPerTask at_once;
  const BuildResult concurrent = build(compilation, registry, request, at_once, diagnostics);
  ASSERT_TRUE(concurrent.ok()) << messages(diagnostics);
  EXPECT_EQ(contents(concurrent), contents(in_order));
  EXPECT_GT(contents(in_order).size(), 10u);
}

// The python backend emits its API modules, its tables and its tests in tasks of their own too
// (shared_work returns four), and its emit copies them in: the project is the same bytes whether
// the tasks run in order, in reverse (the emit first, computing what it asks for itself) or at once.
TEST(Build, PythonEmitsInSeveralTasksWithTheSameBytesInAnyOrder) {
  Compilation compilation = compiled(std::string(kShop) + "api Sales at \"/v1\" {\n  resource Order { create, get, update, delete }\n}\n");
  ASSERT_TRUE(compilation.ok()) << messages(compilation.diagnostics);
  const backends::BackendRegistry registry = backends::standard_backends();
  BuildRequest request;
  request.targets = {"python"};
  CountingExecutor counting;
  DiagnosticEngine diagnostics;
  const BuildResult in_order = build(compilation, registry, request, counting, diagnostics);
  ASSERT_TRUE(in_order.ok()) << messages(diagnostics);
  EXPECT_EQ(counting.ran, 5);
  struct Reversed final : Executor {
    void run_all(std::span<const std::function<void()>> tasks) override {
      for (auto task = tasks.rbegin(); task != tasks.rend(); ++task) (*task)();
    }
  } reversed;
  ThreadPerTask at_once;
  const BuildResult backwards = build(compilation, registry, request, reversed, diagnostics);
  const BuildResult concurrent = build(compilation, registry, request, at_once, diagnostics);
  ASSERT_TRUE(backwards.ok() && concurrent.ok()) << messages(diagnostics);
  const std::map<std::string, std::string> files = contents(in_order);
  EXPECT_EQ(contents(backwards), files);
  EXPECT_EQ(contents(concurrent), files);
  EXPECT_TRUE(files.contains("src/shop/api/sales/router.py"));  // from the API task
  EXPECT_TRUE(files.contains("tests/test_records.py"));         // from the tests task
  EXPECT_TRUE(files.contains("src/shop/tables.py"));            // from the tables task
  EXPECT_TRUE(files.contains("src/shop/model.py"));             // from the emit
  EXPECT_TRUE(files.contains("src/shop/openapi/Sales.json"));   // from the OpenAPI task
}

// A task the python backend runs beside its emit stops when the build is cancelled, as the emit
// does: its files poll the build's interrupt (SharedArtifacts::interrupt), and the task raises
// Interrupted instead of emitting every test first.
TEST(Build, PythonTasksBesideTheEmitStopWhenTheBuildIsCancelled) {
  Compilation compilation = compiled(std::string(kShop) + "api Sales at \"/v1\" {\n  resource Order { create, get }\n}\n");
  ASSERT_TRUE(compilation.ok()) << messages(compilation.diagnostics);
  const backends::BackendRegistry registry = backends::standard_backends();
  const backends::Backend& python = *registry.find("python");
  DiagnosticEngine diagnostics;
  const std::optional<backends::Options> options = backends::resolve_options(python, nullptr, {}, diagnostics);
  ASSERT_TRUE(options.has_value());
  CancellationSource source;
  source.cancel();
  const Interrupt interrupt(source.token(), std::nullopt);
  for (std::size_t task = 1; task <= 3; ++task) {  // the tests, the API modules, the tables (0: OpenAPI)
    backends::SharedArtifacts shared;
    shared.set_interrupt(&interrupt);
    const std::vector<std::function<void()>> work = python.shared_work(*compilation.module, *options, shared);
    ASSERT_EQ(work.size(), 4u);
    EXPECT_THROW(work[task](), Interrupted) << "task " << task;
  }
}

// A registry in which `cpp` is planned, not built: every target of the standard registry has a
// backend today, but the mechanism stays for the next target.
backends::BackendRegistry registry_with_planned_cpp() {
  backends::BackendRegistry registry;
  registry.add(std::make_unique<backends::openapi::OpenApiBackend>());
  registry.add_planned("cpp");
  return registry;
}

TEST(Build, TheBlueprintsTargetsAreBuiltAndPlannedOnesSkippedWithANote) {
  Compilation compilation = compiled(kShop);
  ASSERT_TRUE(compilation.ok());
  InlineExecutor executor;
  DiagnosticEngine diagnostics;
  const BuildResult result = build(compilation, registry_with_planned_cpp(), BuildRequest{}, executor, diagnostics);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.targets.size(), 1u);
  EXPECT_EQ(result.targets[0].name, "openapi");
  EXPECT_EQ(codes(diagnostics), std::vector<std::string>{"BP9010"});
}

TEST(Build, UnknownAndUnavailableTargetsAreCodedDiagnostics) {
  Compilation compilation = compiled(kShop);
  ASSERT_TRUE(compilation.ok());
  BuildRequest request;
  request.targets = {"opnapi", "cpp"};
  InlineExecutor executor;
  DiagnosticEngine diagnostics;
  const BuildResult result = build(compilation, registry_with_planned_cpp(), request, executor, diagnostics);
  EXPECT_TRUE(result.usage_error);
  EXPECT_EQ(codes(diagnostics), (std::vector<std::string>{"BP9008", "BP9009"}));
  EXPECT_EQ(diagnostics.sorted().front().notes.front(), "did you mean `openapi`?");
}

TEST(Build, ACancelledBuildFailsItsTargets) {
  Compilation compilation = compiled(kShop);
  ASSERT_TRUE(compilation.ok());
  CancellationSource source;
  source.cancel();
  BuildRequest request;
  request.targets = {"all"};
  request.cancellation = source.token();
  InlineExecutor executor;
  DiagnosticEngine diagnostics;
  const BuildResult result = build(compilation, backends::standard_backends(), request, executor, diagnostics);
  EXPECT_FALSE(result.ok());
  for (const std::string& code : codes(diagnostics)) EXPECT_EQ(code, "BP9006");
  EXPECT_EQ(codes(diagnostics).size(), result.targets.size());
}

}  // namespace
}  // namespace bpc::driver
