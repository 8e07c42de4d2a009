// The project file (driver/project.h): settings read into absolute paths, and every problem a
// diagnostic at the place in the file a user must change.

#include "driver/project.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/driver/test_support.h"

namespace bpc::driver {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::codes;

const std::vector<std::string> kTargets = {"openapi", "python", "typescript"};

struct Loaded {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  Project project;

  // The text a diagnostic's span covers.
  std::string spanned(std::size_t index) const {
    const Diagnostic diagnostic = diagnostics.sorted().at(index);
    return std::string(sources.file(diagnostic.span.file).text().substr(diagnostic.span.begin,
                                                                          diagnostic.span.end - diagnostic.span.begin));
  }
};

class ProjectTest : public ::testing::Test {
 protected:
  ProjectTest() {
    files_.add("/work/app/main.bpl", "blueprint app { version \"1.0.0\" }\n");
    files_.add("/work/lib/common.bpl", "blueprint common { version \"1.0.0\" }\n");
  }

  Loaded load(std::string text) {
    files_.add("/work/bpc.json", std::move(text));
    Loaded loaded;
    loaded.project = load_project(files_, "/work/bpc.json", kTargets, loaded.sources, loaded.diagnostics);
    return loaded;
  }

  MemoryFileSystem files_;
};

TEST_F(ProjectTest, ReadsEverySettingAsAbsolutePaths) {
  const Loaded loaded = load(R"({
    "$schema": "https://example.com/bpc.schema.json",
    // comments are allowed
    "sources": ["app/main.bpl"],
    "importRoots": [".", "/work/lib"],
    "importPaths": ["lib"],
    "targets": ["typescript", "all"],
    /* and block comments */
    "out": "generated"
  })");
  EXPECT_THAT(codes(loaded.diagnostics), IsEmpty());
  const Project& project = loaded.project;
  EXPECT_EQ(project.directory, "/work");
  EXPECT_THAT(project.sources, ElementsAre("/work/app/main.bpl"));
  EXPECT_THAT(project.import_roots, ElementsAre("/work", "/work/lib"));
  EXPECT_THAT(project.search_paths, ElementsAre("/work/lib"));
  EXPECT_THAT(project.targets, ElementsAre("typescript", "all"));
  EXPECT_EQ(project.out, "/work/generated");
}

TEST_F(ProjectTest, AppliesUnderTheCommandLine) {
  const Loaded loaded = load(R"({"importRoots": ["."], "importPaths": ["lib"], "targets": ["python"]})");
  CompileOptions options;
  options.import_roots = {"/elsewhere"};
  loaded.project.apply_to(options);
  EXPECT_THAT(options.import_roots, ElementsAre("/work", "/elsewhere"));
  EXPECT_THAT(options.search_paths, ElementsAre("/work/lib"));
  EXPECT_THAT(options.selected_targets, ElementsAre("python"));

  CompileOptions chosen;
  chosen.selected_targets = {"openapi"};
  loaded.project.apply_to(chosen);
  EXPECT_THAT(chosen.selected_targets, ElementsAre("openapi"));
}

TEST_F(ProjectTest, BadJsonIsOneDiagnosticWhereTheParserStopped) {
  const Loaded loaded = load("{\n  \"sources\": [\"app/main.bpl\",]\n}");
  ASSERT_THAT(codes(loaded.diagnostics), ElementsAre("BP9020"));
  const Diagnostic diagnostic = loaded.diagnostics.sorted()[0];
  EXPECT_EQ(diagnostic.span.begin, std::string_view("{\n  \"sources\": [\"app/main.bpl\",").size());
  EXPECT_THAT(diagnostic.message, ::testing::HasSubstr("syntax error"));
  EXPECT_THAT(diagnostic.message, ::testing::Not(::testing::HasSubstr("json.exception")));
}

TEST_F(ProjectTest, UnknownSettingSuggestsAndFixesTheName) {
  const Loaded loaded = load(R"({"importRoot": ["."], "colour": 1})");
  ASSERT_THAT(codes(loaded.diagnostics), ElementsAre("BP9021", "BP9021"));
  EXPECT_EQ(loaded.spanned(0), "\"importRoot\"");
  const Diagnostic misspelt = loaded.diagnostics.sorted()[0];
  EXPECT_EQ(misspelt.severity, Severity::Warning);
  ASSERT_EQ(misspelt.fixes.size(), 1u);
  EXPECT_EQ(misspelt.fixes[0].edits[0].replacement, "\"importRoots\"");
  EXPECT_THAT(loaded.diagnostics.sorted()[1].fixes, IsEmpty());  // `colour` is like nothing
  EXPECT_THAT(loaded.project.import_roots, IsEmpty());
}

TEST_F(ProjectTest, ValuesOfTheWrongKindPointAtTheValue) {
  const Loaded loaded = load(R"({"sources": "app/main.bpl", "importPaths": ["lib", 42, true], "out": [], "$schema": 1})");
  ASSERT_THAT(codes(loaded.diagnostics), ElementsAre("BP9022", "BP9022", "BP9022", "BP9022", "BP9022"));
  EXPECT_EQ(loaded.spanned(0), "\"app/main.bpl\"");
  EXPECT_EQ(loaded.diagnostics.sorted()[0].fixes.at(0).edits.at(0).replacement, "[\"app/main.bpl\"]");
  EXPECT_EQ(loaded.spanned(1), "42");
  EXPECT_EQ(loaded.spanned(2), "true");
  EXPECT_EQ(loaded.spanned(3), "[]");
  EXPECT_EQ(loaded.spanned(4), "1");
  EXPECT_THAT(loaded.project.search_paths, ElementsAre("/work/lib"));  // the good entry still applies
  EXPECT_THAT(loaded.project.sources, IsEmpty());
}

TEST_F(ProjectTest, PathsMustNameTheRightKindOfThing) {
  const Loaded loaded = load(R"({"sources": ["app", "nope.bpl", ""], "importRoots": ["app/main.bpl"], "out": "lib/common.bpl"})");
  ASSERT_THAT(codes(loaded.diagnostics), ElementsAre("BP9023", "BP9023", "BP9023", "BP9023", "BP9023"));
  EXPECT_THAT(loaded.diagnostics.sorted()[0].message, ::testing::HasSubstr("not a file"));
  EXPECT_EQ(loaded.spanned(1), "\"nope.bpl\"");
  EXPECT_THAT(loaded.diagnostics.sorted()[2].message, ::testing::HasSubstr("empty"));
  EXPECT_THAT(loaded.diagnostics.sorted()[3].message, ::testing::HasSubstr("not a directory"));
  EXPECT_THAT(loaded.diagnostics.sorted()[4].message, ::testing::HasSubstr("not a directory"));
  EXPECT_FALSE(loaded.project.out.has_value());
}

TEST_F(ProjectTest, UnknownTargetSuggestsAKnownOne) {
  const Loaded loaded = load(R"({"targets": ["typescrpt", "cobol", "python"]})");
  ASSERT_THAT(codes(loaded.diagnostics), ElementsAre("BP9008", "BP9008"));
  EXPECT_EQ(loaded.spanned(0), "\"typescrpt\"");
  EXPECT_EQ(loaded.diagnostics.sorted()[0].fixes.at(0).edits.at(0).replacement, "\"typescript\"");
  EXPECT_THAT(loaded.diagnostics.sorted()[1].fixes, IsEmpty());
  EXPECT_THAT(loaded.project.targets, ElementsAre("python"));
}

TEST_F(ProjectTest, SpansSurviveEscapesAndNesting) {
  const Loaded loaded = load("{\"a\\\"b\": {\"x\": [1, 2]}, \"targets\": [\"p\\\\\"]}");
  ASSERT_THAT(codes(loaded.diagnostics), ElementsAre("BP9021", "BP9008"));
  EXPECT_EQ(loaded.spanned(0), "\"a\\\"b\"");
  EXPECT_EQ(loaded.spanned(1), "\"p\\\\\"");
}

TEST_F(ProjectTest, ASettingGivenTwiceIsAnError) {
  const Loaded loaded = load(R"({"out": "a", "out": "b"})");
  ASSERT_THAT(codes(loaded.diagnostics), ElementsAre("BP9024"));
  EXPECT_EQ(loaded.diagnostics.sorted()[0].labels.size(), 1u);
  EXPECT_EQ(loaded.project.out, "/work/a");
}

TEST_F(ProjectTest, AHostileFileGetsFiftyProblemsAndAnEnd) {
  std::string text = "{";
  for (int i = 0; i < 80000; ++i) text += (i == 0 ? "" : ",") + std::string("\"out\": \"x\"");  // under 1 MiB
  const Loaded loaded = load(text + "}");
  const std::vector<std::string> found = codes(loaded.diagnostics);
  ASSERT_EQ(found.size(), 51u);  // the first `out` is read; 50 duplicates, then BP1110
  EXPECT_EQ(found.back(), "BP1110");
}

TEST_F(ProjectTest, NotAnObject) {
  const Loaded loaded = load("[\"app/main.bpl\"]");
  EXPECT_THAT(codes(loaded.diagnostics), ElementsAre("BP9022"));
  EXPECT_EQ(loaded.spanned(0), "[\"app/main.bpl\"]");
}

TEST_F(ProjectTest, UnreadableFile) {
  Loaded loaded;
  loaded.project = load_project(files_, "/work/absent/bpc.json", kTargets, loaded.sources, loaded.diagnostics);
  EXPECT_THAT(codes(loaded.diagnostics), ElementsAre("BP9001"));
  EXPECT_TRUE(loaded.project.source.is_none());
}

TEST_F(ProjectTest, TheNearestProjectFileAboveGoverns) {
  files_.add("/work/bpc.json", "{}");
  files_.add("/work/app/nested/bpc.json", "{}");
  files_.add("/work/app/nested/deep/x.bpl", "");
  EXPECT_EQ(find_project_file(files_, "/work/app/main.bpl"), "/work/bpc.json");
  EXPECT_EQ(find_project_file(files_, "/work/app"), "/work/bpc.json");
  EXPECT_EQ(find_project_file(files_, "/work/app/nested/deep/x.bpl"), "/work/app/nested/bpc.json");
  EXPECT_EQ(find_project_file(files_, "/work/app/nested"), "/work/app/nested/bpc.json");
  MemoryFileSystem bare;
  bare.add("/a/b.bpl", "");
  EXPECT_EQ(find_project_file(bare, "/a/b.bpl"), std::nullopt);
  EXPECT_TRUE(is_project_file("/work/bpc.json"));
  EXPECT_FALSE(is_project_file("/work/xbpc.json"));
}

}  // namespace
}  // namespace bpc::driver
