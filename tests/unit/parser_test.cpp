#include "frontend/frontend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/suggest.h"

namespace bpc {
namespace {

struct Parsed {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  ParsedFile file;
};

std::unique_ptr<Parsed> parse_text(std::string text) {
  auto result = std::make_unique<Parsed>();
  const FileId id = result->sources.add("t.bpl", std::move(text));
  result->file = parse_file(result->sources, id, result->diagnostics);
  return result;
}

std::vector<std::string> codes(const DiagnosticEngine& diagnostics) {
  std::vector<std::string> result;
  for (const Diagnostic& d : diagnostics.sorted()) result.emplace_back(info(d.kind).code);
  return result;
}

TEST(ParserTest, BuildsAPreorderTreeWithExactRanges) {
  auto parsed = parse_text("entity A {\n  x: list<int>? = [] @min(1)\n}\n");
  ASSERT_FALSE(parsed->diagnostics.has_errors());
  const Tree& tree = *parsed->file.tree;
  const NodeId entity{1};
  EXPECT_EQ(tree.kind(entity), NodeKind::EntityDecl);
  EXPECT_EQ(tree.begin_offset(entity), 0u);
  EXPECT_EQ(tree.end_offset(entity), parsed->sources.file(FileId{0}).size() - 1);
  const NodeId block = tree.child(entity, NodeKind::FieldBlock);
  const NodeId field = tree.child(block, NodeKind::Field);
  const NodeId type = tree.child(field, NodeKind::TypeRef);
  EXPECT_TRUE(tree.node(type).is_optional());
  EXPECT_FALSE(tree.child(field, NodeKind::DefaultValue).is_none());
  EXPECT_EQ(tree.children_of_kind(field, NodeKind::Decorator).size(), 1u);
}

TEST(ParserTest, RangesOfNodesSpanningManyTokensAreExact) {
  // A node's last token is kept as a one-byte distance from its first, except for nodes of 255
  // tokens or more; an entity of 200 fields (600 tokens) and its block are such nodes.
  std::string text = "entity Wide {\n";
  for (int i = 0; i < 200; ++i) text += "  f" + std::to_string(i) + ": int\n";
  text += "}\nentity Small {\n  id: int\n}\n";
  auto parsed = parse_text(text);
  ASSERT_FALSE(parsed->diagnostics.has_errors());
  const Tree& tree = *parsed->file.tree;
  const std::vector<NodeId> entities = tree.children_of_kind(tree.root(), NodeKind::EntityDecl);
  ASSERT_EQ(entities.size(), 2u);
  const std::string_view source = parsed->sources.file(FileId{0}).text();
  EXPECT_EQ(source.substr(tree.begin_offset(entities[0]), tree.end_offset(entities[0]) - tree.begin_offset(entities[0])),
            source.substr(0, source.find("}\n") + 1));
  const NodeId block = tree.child(entities[0], NodeKind::FieldBlock);
  EXPECT_EQ(tree.last_token(block).index - tree.first_token(block).index, 601u);  // { 200 x (name : type) }
  EXPECT_EQ(source.substr(tree.end_offset(entities[1]) - 1, 1), "}");
  EXPECT_EQ(tree.end_offset(tree.root()), source.size());
}

TEST(ParserTest, ReportsEachIndependentMistakeOnce) {
  auto parsed = parse_text(
      "entity A {\n  x int\n  y: list<>\n  z: string;\n}\nentty B {}\n"
      "enum E { a b: c }\npolicy { allow R read }\n");
  EXPECT_EQ(codes(parsed->diagnostics),
            (std::vector<std::string>{"BP1102", "BP1104", "BP1003", "BP1101", "BP1108",
                                      "BP1102"}));
}

TEST(ParserTest, AnUnclosedBlockBeforeADeclarationIsOneError) {
  auto parsed = parse_text("entity A {\n  x: int\n\nentity B {\n  y: int\n}\n");
  EXPECT_EQ(codes(parsed->diagnostics), (std::vector<std::string>{"BP1106"}));
  // The second entity is still parsed as a declaration of its own.
  const Tree& tree = *parsed->file.tree;
  int entities = 0;
  for (NodeId child : tree.children(tree.root())) entities += tree.kind(child) == NodeKind::EntityDecl;
  EXPECT_EQ(entities, 2);
}

TEST(ParserTest, KeywordsAreContextual) {
  auto parsed = parse_text(
      "entity type { type: event, on: to }\nworkflow by on by.by { by -> emits on by by by "
      "emits emits }\n");
  EXPECT_FALSE(parsed->diagnostics.has_errors());
}

TEST(ParserTest, SurvivesHostileNestingAndStopsAfterTooManyErrors) {
  auto deep = parse_text("blueprint B { v " + std::string(100000, '[') + " }");
  EXPECT_THAT(codes(deep->diagnostics), testing::Contains("BP1109"));
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "entity {\n}\n";
  auto noisy = parse_text(many);
  EXPECT_EQ(noisy->diagnostics.diagnostics().size(), 1001u);
  EXPECT_EQ(codes(noisy->diagnostics).back(), "BP1110");
}

TEST(ParserTest, InvalidUtf8IsReportedAndNotParsed) {
  auto parsed = parse_text("role A\n\xC3\x28");
  EXPECT_EQ(codes(parsed->diagnostics), (std::vector<std::string>{"BP1001"}));
  EXPECT_EQ(parsed->file.tree->size(), 1u);
}

TEST(SuggestTest, FindsCloseKeywordsOnly) {
  const std::string_view candidates[] = {"entity", "enum", "event"};
  EXPECT_EQ(closest_match("entty", candidates), "entity");
  EXPECT_EQ(closest_match("Entity", candidates), "entity");
  EXPECT_EQ(closest_match("evnet", candidates), "event");
  EXPECT_EQ(closest_match("banana", candidates), std::nullopt);
}

}  // namespace
}  // namespace bpc
