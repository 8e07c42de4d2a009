// Confined imports, on the real disk (links, FIFOs, devices) and in memory: every way out of the
// import roots is a diagnostic, and nothing outside them is read.

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "driver/compilation.h"
#include "tests/driver/test_support.h"

namespace bpc::driver {
namespace {

using testing::codes;
using testing::messages;
using testing::ScratchDirectory;

constexpr const char* kEntity =
    "blueprint Shop {\n  version \"1.0.0\"\n}\nentity Order {\n  id: uuid @id @generated\n}\n";

Compilation check(const FileSystem& files, std::vector<std::string> inputs, std::vector<std::string> roots = {}) {
  CompileOptions options;
  options.inputs = std::move(inputs);
  options.import_roots = std::move(roots);
  options.stop_after = Phase::Check;
  return compile(files, options);
}

TEST(Imports, AFifoInsideTheRootIsRefusedNotWaitedOn) {
  ScratchDirectory scratch("fifo-import");
  const std::string fifo = (scratch.path() / "pipe.bpi").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::ofstream(scratch.path() / "main.bpl") << "import \"pipe.bpi\"\n" << kEntity;
  const Compilation result = check(DiskFileSystem(), {(scratch.path() / "main.bpl").string()});
  EXPECT_EQ(codes(result.diagnostics), std::vector<std::string>{"BP2110"}) << messages(result.diagnostics);
  EXPECT_NE(messages(result.diagnostics).find("not a regular file"), std::string::npos);
}

TEST(Imports, ARootInputThatIsAFifoIsRefused) {
  ScratchDirectory scratch("fifo-input");
  const std::string fifo = (scratch.path() / "main.bpl").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const Compilation result = check(DiskFileSystem(), {fifo});
  EXPECT_EQ(messages(result.diagnostics),
            "BP9001: cannot read `" + fifo + "`: it is a FIFO, not a regular file\n");
}

TEST(Imports, ALinkToADeviceLeadsOutsideTheRoots) {
  ScratchDirectory scratch("device-link");
  std::filesystem::create_symlink("/dev/zero", scratch.path() / "zero.bpi");
  std::ofstream(scratch.path() / "main.bpl") << "import \"zero.bpi\"\n" << kEntity;
  const Compilation result = check(DiskFileSystem(), {(scratch.path() / "main.bpl").string()});
  EXPECT_EQ(codes(result.diagnostics), std::vector<std::string>{"BP2108"}) << messages(result.diagnostics);
}

TEST(Imports, ALinkedDirectoryInsideTheRootMayBeUsedWhenItStaysInside) {
  ScratchDirectory scratch("linked-dir");
  std::filesystem::create_directories(scratch.path() / "lib");
  std::ofstream(scratch.path() / "lib" / "customer.bpi") << "entity Customer {\n  id: uuid @id @generated\n}\n";
  std::filesystem::create_directory_symlink("lib", scratch.path() / "alias");
  std::ofstream(scratch.path() / "main.bpl") << "import \"alias/customer.bpi\"\nimport \"lib/customer.bpi\"\n"
                                              << kEntity;
  const Compilation result = check(DiskFileSystem(), {(scratch.path() / "main.bpl").string()});
  EXPECT_EQ(codes(result.diagnostics), std::vector<std::string>{}) << messages(result.diagnostics);
  // One file, however it is reached.
  EXPECT_EQ(result.program.files.size(), 2u);
}

TEST(Imports, SearchPathsAreRootsByDefaultAndExplicitRootsReplaceThem) {
  MemoryFileSystem files;
  files.add("app/main.bpl", std::string("import \"shared.bpi\"\n") + kEntity);
  files.add("common/shared.bpi", "entity Customer {\n  id: uuid @id @generated\n}\n");
  CompileOptions options;
  options.inputs = {"app/main.bpl"};
  options.search_paths = {"common"};
  options.stop_after = Phase::Check;
  EXPECT_EQ(codes(compile(files, options).diagnostics), std::vector<std::string>{});
  options.import_roots = {"app"};
  const Compilation confined = compile(files, options);
  EXPECT_EQ(codes(confined.diagnostics), std::vector<std::string>{"BP2108"}) << messages(confined.diagnostics);
}

TEST(Imports, EveryEscapeFromAnInMemoryRootIsRefused) {
  MemoryFileSystem files;
  files.add("secret.bpl", "entity Secret {\n  id: uuid @id @generated\n}\n");
  files.add("tenant/main.bpl", std::string("import \"../secret.bpl\"\nimport \"/secret.bpl\"\nimport \"sub/../../secret.bpl\"\n") +
                                   kEntity);
  const Compilation result = check(files, {"tenant/main.bpl"});
  EXPECT_EQ(codes(result.diagnostics), (std::vector<std::string>{"BP2108", "BP2109", "BP2108"}))
      << messages(result.diagnostics);
  EXPECT_EQ(result.program.files.size(), 1u);  // the secret was never loaded
}

}  // namespace
}  // namespace bpc::driver
