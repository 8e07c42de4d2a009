#include <gtest/gtest.h>

#include "lsp/analysis.h"

namespace bpc::lsp {
namespace {

constexpr const char* kModule = "entity Customer { id: uuid @id @generated }\n";
constexpr const char* kMain = "blueprint Shop { version \"1.0.0\" }\nimport \"customer.bpl\"\n"
                              "entity Order { id: uuid @id @generated\n customer: Customer }\n";

TEST(Analyzer, AModuleOpenedFirstIsFoldedIntoItsImporter) {
  driver::MemoryFileSystem disk;
  disk.add("/w/customer.bpl", kModule);
  disk.add("/w/main.bpl", kMain);
  Analyzer analyzer(disk);
  analyzer.set_buffer("/w/customer.bpl", kModule);
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  ASSERT_EQ(analyzer.units().size(), 1u);
  EXPECT_EQ(analyzer.unit_for("/w/customer.bpl")->root, "/w/customer.bpl");

  analyzer.set_buffer("/w/main.bpl", kMain);
  const Analyzer::Refresh refresh = analyzer.refresh(CancellationToken());
  ASSERT_FALSE(refresh.cancelled);
  ASSERT_EQ(analyzer.units().size(), 1u);
  const Unit* unit = analyzer.unit_for("/w/customer.bpl");
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->root, "/w/main.bpl");
  EXPECT_FALSE(unit->compilation->diagnostics.has_errors());
}

TEST(Analyzer, AnEditRecompilesOnlyWhatHoldsTheFile) {
  driver::MemoryFileSystem disk;
  disk.add("/w/a.bpl", "entity A { id: uuid @id @generated }\n");
  disk.add("/w/b.bpl", "entity B { id: uuid @id @generated }\n");
  Analyzer analyzer(disk);
  analyzer.set_buffer("/w/a.bpl", "entity A { id: uuid @id @generated }\n");
  analyzer.set_buffer("/w/b.bpl", "entity B { id: uuid @id @generated }\n");
  ASSERT_EQ(analyzer.refresh(CancellationToken()).compiled.size(), 2u);
  analyzer.set_buffer("/w/b.bpl", "entity B { id: uuid @id @generated\n x: Nope }\n");
  const Analyzer::Refresh refresh = analyzer.refresh(CancellationToken());
  ASSERT_EQ(refresh.compiled.size(), 1u);
  EXPECT_EQ(refresh.compiled[0]->root, "/w/b.bpl");
  EXPECT_TRUE(refresh.compiled[0]->compilation->diagnostics.has_errors());
  EXPECT_FALSE(analyzer.dirty());
}

TEST(Analyzer, ACancelledCompilationKeepsTheLastOneAndStaysDirty) {
  driver::MemoryFileSystem disk;
  Analyzer analyzer(disk);
  analyzer.set_buffer("/w/a.bpl", "entity A { id: uuid @id @generated }\n");
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  const auto before = analyzer.unit_for("/w/a.bpl")->compilation;
  analyzer.set_buffer("/w/a.bpl", "entity A { id: uuid @id @generated\n b: string }\n");
  CancellationSource source;
  source.cancel();
  EXPECT_TRUE(analyzer.refresh(source.token()).cancelled);
  EXPECT_TRUE(analyzer.dirty());
  EXPECT_EQ(analyzer.unit_for("/w/a.bpl")->compilation, before);
}

TEST(Analyzer, ClosingTheLastOpenFileOfAUnitDropsIt) {
  driver::MemoryFileSystem disk;
  Analyzer analyzer(disk);
  analyzer.set_buffer("/w/a.bpl", "entity A { id: uuid @id @generated }\n");
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  analyzer.remove_buffer("/w/a.bpl");
  EXPECT_TRUE(analyzer.units().empty());
  EXPECT_EQ(analyzer.unit_for("/w/a.bpl"), nullptr);
}

TEST(Analyzer, AFileNoLongerImportedBecomesARootOfItsOwn) {
  driver::MemoryFileSystem disk;
  disk.add("/w/customer.bpl", kModule);
  Analyzer analyzer(disk);
  analyzer.set_buffer("/w/customer.bpl", kModule);
  analyzer.set_buffer("/w/main.bpl", kMain);
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  ASSERT_EQ(analyzer.unit_for("/w/customer.bpl")->root, "/w/main.bpl");
  analyzer.set_buffer("/w/main.bpl", "blueprint Shop { version \"1.0.0\" }\n");
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  const Unit* unit = analyzer.unit_for("/w/customer.bpl");
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->root, "/w/customer.bpl");
  EXPECT_NE(unit->compilation, nullptr);
}

// A project whose module sits in `lib/`, found only through the project's `importPaths`.
driver::MemoryFileSystem project_disk(std::string_view project) {
  driver::MemoryFileSystem disk;
  disk.add("/w/bpc.json", std::string(project));
  disk.add("/w/lib/customer.bpl", kModule);
  disk.add("/w/app/main.bpl", kMain);
  return disk;
}

TEST(Analyzer, OpeningAModuleOfAProjectChecksTheProjectsSources) {
  const driver::MemoryFileSystem disk =
      project_disk(R"({"sources": ["app/main.bpl"], "importPaths": ["lib"], "targets": ["typescript"]})");
  Analyzer analyzer(disk);
  analyzer.set_buffer("/w/lib/customer.bpl", kModule);
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  // One unit: the source, which imports the module (the module's own unit was folded into it).
  ASSERT_EQ(analyzer.units().size(), 1u);
  const Unit* unit = analyzer.unit_for("/w/lib/customer.bpl");
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->root, "/w/app/main.bpl");
  EXPECT_EQ(unit->project, "/w/bpc.json");
  EXPECT_FALSE(unit->compilation->diagnostics.has_errors());
  ASSERT_EQ(analyzer.projects().size(), 1u);
  EXPECT_EQ(analyzer.projects().begin()->second->diagnostics.diagnostics().size(), 0u);

  // Closing the module: nothing of the project is open, so its source goes too.
  analyzer.remove_buffer("/w/lib/customer.bpl");
  EXPECT_TRUE(analyzer.units().empty());
}

TEST(Analyzer, AnEditedProjectFileAppliesAtOnceAndKeepsItsProblems) {
  const driver::MemoryFileSystem disk = project_disk(R"({"sources": ["app/main.bpl"], "importPaths": ["lib"]})");
  Analyzer analyzer(disk);
  analyzer.set_buffer("/w/app/main.bpl", kMain);
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  EXPECT_FALSE(analyzer.unit_for("/w/app/main.bpl")->compilation->diagnostics.has_errors());

  // An unsaved buffer of the project file, with the setting misspelt: the import is not found.
  analyzer.set_buffer("/w/bpc.json", R"({"sources": ["app/main.bpl"], "importPath": ["lib"]})");
  EXPECT_TRUE(analyzer.dirty());
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  EXPECT_TRUE(analyzer.unit_for("/w/app/main.bpl")->compilation->diagnostics.has_errors());
  ASSERT_EQ(analyzer.projects().size(), 1u);
  const ProjectState& project = *analyzer.projects().begin()->second;
  ASSERT_EQ(project.diagnostics.diagnostics().size(), 1u);
  EXPECT_EQ(std::string(info(project.diagnostics.diagnostics()[0].kind).code), "BP9021");
  EXPECT_EQ(analyzer.unit_for("/w/bpc.json"), nullptr);  // a project file is never a unit

  // Closing the buffer: the file on disk applies again.
  analyzer.remove_buffer("/w/bpc.json");
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  EXPECT_FALSE(analyzer.unit_for("/w/app/main.bpl")->compilation->diagnostics.has_errors());
  EXPECT_TRUE(analyzer.projects().begin()->second->diagnostics.diagnostics().empty());
}

TEST(Analyzer, EachFileFollowsTheNearestProject) {
  driver::MemoryFileSystem disk;
  disk.add("/one/bpc.json", R"({"importPaths": ["shared"]})");
  disk.add("/one/shared/customer.bpl", kModule);
  disk.add("/two/bpc.json", R"({})");
  Analyzer analyzer(disk);
  analyzer.set_buffer("/one/main.bpl", kMain);
  analyzer.set_buffer("/two/main.bpl", kMain);
  ASSERT_FALSE(analyzer.refresh(CancellationToken()).cancelled);
  EXPECT_EQ(analyzer.unit_for("/one/main.bpl")->project, "/one/bpc.json");
  EXPECT_EQ(analyzer.unit_for("/two/main.bpl")->project, "/two/bpc.json");
  EXPECT_FALSE(analyzer.unit_for("/one/main.bpl")->compilation->diagnostics.has_errors());
  EXPECT_TRUE(analyzer.unit_for("/two/main.bpl")->compilation->diagnostics.has_errors());  // no import path there
  EXPECT_EQ(analyzer.projects().size(), 2u);
}

}  // namespace
}  // namespace bpc::lsp
