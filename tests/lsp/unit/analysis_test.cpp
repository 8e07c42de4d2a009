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

}  // namespace
}  // namespace bpc::lsp
