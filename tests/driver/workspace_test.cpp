// The workspace: a re-compilation after an edit parses only the edited file, and its results are
// exactly those of a fresh compilation, syntax errors of unchanged files included.

#include "driver/workspace.h"

#include <gtest/gtest.h>

#include "ir/json.h"
#include "tests/driver/test_support.h"

namespace bpc::driver {
namespace {

using testing::codes;
using testing::messages;

MemoryFileSystem three_files() {
  MemoryFileSystem files;
  files.add("main.bpl",
            "blueprint Shop {\n  version \"1.0.0\"\n}\nimport \"a.bpl\"\nimport \"b.bpl\"\n"
            "entity Order {\n  id: uuid @id @generated\n  customer: Customer\n  item: Item\n}\n");
  files.add("a.bpl", "entity Customer {\n  id: uuid @id @generated\n  name: string @maxLength(10)\n}\n");
  files.add("b.bpl", "entity Item {\n  id: uuid @id @generated\n  sku: string\n}\n");
  return files;
}

CompileOptions main_options() {
  CompileOptions options;
  options.inputs = {"main.bpl"};
  return options;
}

TEST(Workspace, AnEditReparsesOnlyTheEditedFile) {
  const MemoryFileSystem base = three_files();
  OverlayFileSystem overlay(base);
  Workspace workspace(overlay);
  const Compilation first = workspace.compile(main_options());
  ASSERT_TRUE(first.ok()) << messages(first.diagnostics);
  EXPECT_EQ(workspace.last_reuse().parsed, 3u);

  overlay.set("a.bpl", "entity Customer {\n  id: uuid @id @generated\n  name: string @maxLength(20)\n}\n");
  const Compilation second = workspace.compile(main_options());
  ASSERT_TRUE(second.ok()) << messages(second.diagnostics);
  EXPECT_EQ(workspace.last_reuse().parsed, 1u);
  EXPECT_EQ(workspace.last_reuse().reused, 2u);

  // The same result as a compilation from scratch.
  const Compilation fresh = compile(overlay, main_options());
  EXPECT_EQ(ir::module_to_json(*second.module), ir::module_to_json(*fresh.module));
  EXPECT_NE(ir::module_to_json(*second.module), ir::module_to_json(*first.module));
  // The first compilation's sources are a snapshot the edit did not touch.
  EXPECT_NE(first.sources.file(first.program.files[0].parsed.file).text().find("maxLength(10)"), std::string::npos);
}

TEST(Workspace, SyntaxErrorsOfUnchangedFilesAreReportedAgain) {
  MemoryFileSystem base = three_files();
  base.add("b.bpl", "entity Item {\n  id uuid @id @generated\n}\n");
  OverlayFileSystem overlay(base);
  Workspace workspace(overlay);
  const Compilation first = workspace.compile(main_options());
  overlay.set("a.bpl", "entity Customer {\n  id: uuid @id @generated\n}\n");
  const Compilation second = workspace.compile(main_options());
  EXPECT_EQ(workspace.last_reuse().reused, 2u);
  EXPECT_EQ(codes(second.diagnostics), codes(first.diagnostics));
  EXPECT_EQ(codes(second.diagnostics), codes(compile(overlay, main_options()).diagnostics));
  ASSERT_FALSE(second.diagnostics.diagnostics().empty());
  // The reused diagnostic still points into b.bpl's text.
  const std::vector<Diagnostic> sorted = second.diagnostics.sorted();  // a copy: keep it alive
  EXPECT_EQ(second.sources.file(sorted.front().span.file).path(), "b.bpl");
}

TEST(Workspace, AFileThatLeavesTheProgramAndComesBackKeepsItsFileId) {
  const MemoryFileSystem base = three_files();
  OverlayFileSystem overlay(base);
  Workspace workspace(overlay);
  const Compilation first = workspace.compile(main_options());
  overlay.set("main.bpl", "blueprint Shop {\n  version \"1.0.0\"\n}\nimport \"b.bpl\"\n");
  const Compilation without_a = workspace.compile(main_options());
  EXPECT_EQ(without_a.program.files.size(), 2u);
  overlay.remove("main.bpl");
  const Compilation again = workspace.compile(main_options());
  ASSERT_TRUE(again.ok()) << messages(again.diagnostics);
  // main.bpl changed back (parsed again); a.bpl, unused for one compilation, is still cached.
  EXPECT_EQ(workspace.last_reuse().reused, 2u);
  EXPECT_EQ(workspace.last_reuse().parsed, 1u);
  EXPECT_EQ(ir::module_to_json(*again.module), ir::module_to_json(*first.module));
}

}  // namespace
}  // namespace bpc::driver
