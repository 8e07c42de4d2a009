// User-code regions: markers in several comment syntaxes, extraction, every malformed-marker
// report, blanking, and merging old contents into freshly generated text.

#include "backends/output/user_regions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bpc::backends {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const CommentSyntax kSlashes = CommentSyntax::line("//");
const CommentSyntax kHash = CommentSyntax::line("#");
const CommentSyntax kHtml = CommentSyntax::block("<!--", "-->");

std::vector<std::string> keys(const std::vector<UserRegion>& regions) {
  std::vector<std::string> result;
  for (const UserRegion& region : regions) result.push_back(region.key);
  return result;
}

// The single problem of scanning `text` (failing when there is not exactly one).
RegionProblem only_problem(const std::string& text, const CommentSyntax& syntax = kSlashes) {
  RegionScan scan = extract_user_regions(text, syntax);
  EXPECT_EQ(scan.problems.size(), 1u) << text;
  return scan.problems.empty() ? RegionProblem{} : scan.problems.front();
}

TEST(UserRegionsTest, MarkersForEachSyntax) {
  EXPECT_EQ(begin_marker(kSlashes, "Clinic.Patient.book"),
            "// bpc:begin-user-code Clinic.Patient.book");
  EXPECT_EQ(end_marker(kHash, "main"), "# bpc:end-user-code main");
  EXPECT_EQ(begin_marker(kHtml, "a/b"), "<!-- bpc:begin-user-code a/b -->");
}

TEST(UserRegionsTest, ValidKeys) {
  for (const char* key : {"a", "Clinic.Patient.bookVisit", "api/Clinic/op:1", "_x#2", "a-b", "9"}) {
    EXPECT_TRUE(is_valid_region_key(key)) << key;
  }
  for (const char* key : {"", "-a", ".a", "a b", "a*/", "caf\xc3\xa9", "a$b", "a\"b"}) {
    EXPECT_FALSE(is_valid_region_key(key)) << key;
  }
  EXPECT_TRUE(is_valid_region_key(std::string(200, 'k')));
  EXPECT_FALSE(is_valid_region_key(std::string(201, 'k')));
}

TEST(UserRegionsTest, ExtractsRegionsWithTheirExactContent) {
  const std::string text =
      "export function book() {\n"
      "  // bpc:begin-user-code Clinic.book\n"
      "  return 42;\n"
      "\n"
      "  // bpc:end-user-code Clinic.book\n"
      "}\n"
      "// bpc:begin-user-code Clinic.empty\n"
      "// bpc:end-user-code Clinic.empty\n";
  RegionScan scan = extract_user_regions(text, kSlashes);
  ASSERT_TRUE(scan.ok());
  ASSERT_EQ(scan.regions.size(), 2u);
  EXPECT_EQ(scan.regions[0].key, "Clinic.book");
  EXPECT_EQ(scan.regions[0].content, "  return 42;\n\n");
  EXPECT_EQ(scan.regions[0].begin_line, 2u);
  EXPECT_EQ(scan.regions[0].end_line, 5u);
  EXPECT_EQ(scan.regions[1].content, "");
  EXPECT_EQ(scan.find("Clinic.empty"), &scan.regions[1]);
  EXPECT_EQ(scan.find("nope"), nullptr);
}

TEST(UserRegionsTest, ToleratesCrlfTabsAndSpacing) {
  const std::string text =
      "\t//   bpc:begin-user-code k  \r\n"
      "x\r\n"
      "//bpc:end-user-code\tk\r\n";
  RegionScan scan = extract_user_regions(text, kSlashes);
  ASSERT_TRUE(scan.ok()) << scan.problems[0].message;
  ASSERT_EQ(scan.regions.size(), 1u);
  EXPECT_EQ(scan.regions[0].content, "x\r\n");
}

TEST(UserRegionsTest, EndMarkerOnTheLastLineWithoutNewline) {
  RegionScan scan = extract_user_regions("# bpc:begin-user-code k\nbody\n# bpc:end-user-code k", kHash);
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan.regions[0].content, "body\n");
}

TEST(UserRegionsTest, HashAndBlockCommentSyntaxes) {
  RegionScan python = extract_user_regions(
      "def f():\n    # bpc:begin-user-code f\n    pass\n    # bpc:end-user-code f\n", kHash);
  ASSERT_TRUE(python.ok());
  EXPECT_EQ(python.regions[0].content, "    pass\n");

  RegionScan html = extract_user_regions(
      "<body>\n<!-- bpc:begin-user-code page -->\n<p>hi</p>\n<!--bpc:end-user-code page-->\n",
      kHtml);
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html.regions[0].content, "<p>hi</p>\n");

  // Another syntax's markers are ordinary text.
  EXPECT_TRUE(extract_user_regions("// bpc:begin-user-code x\n", kHash).regions.empty());
  EXPECT_TRUE(extract_user_regions("// bpc:begin-user-code x\n", kHash).ok());
}

TEST(UserRegionsTest, MarkerWordsOutsideACommentAreText) {
  const std::string text =
      "const s = \"// bpc:begin-user-code x\";\n"
      "/* // bpc:end-user-code y */\n"
      "// see bpc:begin-user-code in the docs\n";
  RegionScan scan = extract_user_regions(text, kSlashes);
  EXPECT_TRUE(scan.ok());
  EXPECT_TRUE(scan.regions.empty());
}

TEST(UserRegionsTest, ReportsAnUnclosedRegion) {
  RegionProblem problem = only_problem("a\n// bpc:begin-user-code k\nb\n");
  EXPECT_EQ(problem.line, 2u);
  EXPECT_THAT(problem.message, HasSubstr("`k` is never closed"));
}

TEST(UserRegionsTest, ReportsAnEndWithoutBegin) {
  RegionProblem problem = only_problem("a\nb\n// bpc:end-user-code k\n");
  EXPECT_EQ(problem.line, 3u);
  EXPECT_THAT(problem.message, HasSubstr("without a matching begin"));
}

TEST(UserRegionsTest, ReportsNesting) {
  RegionScan scan = extract_user_regions(
      "// bpc:begin-user-code outer\n"
      "// bpc:begin-user-code inner\n"
      "// bpc:end-user-code inner\n"
      "// bpc:end-user-code outer\n",
      kSlashes);
  ASSERT_FALSE(scan.ok());
  EXPECT_EQ(scan.problems[0].line, 2u);
  EXPECT_THAT(scan.problems[0].message, HasSubstr("cannot nest"));
}

TEST(UserRegionsTest, ReportsAMismatchedEnd) {
  RegionScan scan = extract_user_regions(
      "// bpc:begin-user-code a\n// bpc:end-user-code b\n", kSlashes);
  ASSERT_EQ(scan.problems.size(), 1u);
  EXPECT_EQ(scan.problems[0].line, 2u);
  EXPECT_THAT(scan.problems[0].message, HasSubstr("`b` does not match the region `a`"));
  EXPECT_TRUE(scan.regions.empty());
}

TEST(UserRegionsTest, ReportsDuplicateKeys) {
  RegionScan scan = extract_user_regions(
      "// bpc:begin-user-code k\n1\n// bpc:end-user-code k\n"
      "// bpc:begin-user-code k\n2\n// bpc:end-user-code k\n",
      kSlashes);
  ASSERT_EQ(scan.problems.size(), 1u);
  EXPECT_EQ(scan.problems[0].line, 4u);
  EXPECT_THAT(scan.problems[0].message, HasSubstr("duplicate user-code key `k` (first region on line 1)"));
  EXPECT_THAT(keys(scan.regions), ElementsAre("k"));
  EXPECT_EQ(scan.regions[0].content, "1\n");
}

TEST(UserRegionsTest, ReportsMalformedMarkerLines) {
  EXPECT_THAT(only_problem("// bpc:begin-user-code\n").message, HasSubstr("has no key"));
  EXPECT_THAT(only_problem("// bpc:end-user-code   \n").message, HasSubstr("has no key"));
  EXPECT_THAT(only_problem("// bpc:begin-user-code a b\n").message,
              HasSubstr("unexpected text `b`"));
  EXPECT_THAT(only_problem("// bpc:begin-user-code:a\n").message,
              HasSubstr("followed by a space"));
  EXPECT_THAT(only_problem("// bpc:begin-user-code caf\xc3\xa9\n").message,
              HasSubstr("invalid user-code key"));
  EXPECT_THAT(only_problem("<!-- bpc:begin-user-code a\n", kHtml).message,
              HasSubstr("does not end with `-->`"));
}

TEST(UserRegionsTest, BlankingEmptiesEveryRegion) {
  const std::string text =
      "head\n// bpc:begin-user-code a\nmine\n// bpc:end-user-code a\nmid\n"
      "// bpc:begin-user-code b\n// bpc:end-user-code b\ntail";
  EXPECT_EQ(blank_user_regions(text, kSlashes),
            "head\n// bpc:begin-user-code a\n// bpc:end-user-code a\nmid\n"
            "// bpc:begin-user-code b\n// bpc:end-user-code b\ntail");
  EXPECT_EQ(blank_user_regions("no regions", kSlashes), "no regions");
  EXPECT_EQ(blank_user_regions("// bpc:begin-user-code a\n", kSlashes), std::nullopt);
}

TEST(UserRegionsTest, MergePutsOldContentsBackByKey) {
  const std::string old_text =
      "v1\n// bpc:begin-user-code b\nB code\n// bpc:end-user-code b\n"
      "// bpc:begin-user-code a\nA code\n// bpc:end-user-code a\n";
  const std::string fresh =
      "v2 header\n"
      "  // bpc:begin-user-code a\n  throw new NotImplemented();\n  // bpc:end-user-code a\n"
      "between\n"
      "  // bpc:begin-user-code b\n  // bpc:end-user-code b\n"
      "  // bpc:begin-user-code c\n  default c\n  // bpc:end-user-code c\n";
  RegionScan old = extract_user_regions(old_text, kSlashes);
  MergeResult merged = merge_user_regions(fresh, old.regions, kSlashes);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged.text,
            "v2 header\n"
            "  // bpc:begin-user-code a\nA code\n  // bpc:end-user-code a\n"
            "between\n"
            "  // bpc:begin-user-code b\nB code\n  // bpc:end-user-code b\n"
            "  // bpc:begin-user-code c\n  default c\n  // bpc:end-user-code c\n");
  EXPECT_THAT(merged.restored, ElementsAre("a", "b"));
  EXPECT_TRUE(merged.orphaned.empty());
}

TEST(UserRegionsTest, AnEmptiedRegionStaysEmpty) {
  std::vector<UserRegion> old = {{"k", "", 1, 2}};
  MergeResult merged = merge_user_regions(
      "// bpc:begin-user-code k\ndefault();\n// bpc:end-user-code k\n", old, kSlashes);
  EXPECT_EQ(merged.text, "// bpc:begin-user-code k\n// bpc:end-user-code k\n");
}

TEST(UserRegionsTest, MergeReportsOrphanedRegions) {
  std::vector<UserRegion> old = {{"gone", "precious\n", 1, 3}, {"kept", "k\n", 4, 6},
                                 {"also-gone", "", 7, 8}};
  MergeResult merged =
      merge_user_regions("# bpc:begin-user-code kept\n# bpc:end-user-code kept\n", old, kHash);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged.text, "# bpc:begin-user-code kept\nk\n# bpc:end-user-code kept\n");
  EXPECT_THAT(keys(merged.orphaned), ElementsAre("gone", "also-gone"));
  EXPECT_EQ(merged.orphaned[0].content, "precious\n");
}

TEST(UserRegionsTest, MergeWithRepeatedOldKeysUsesTheFirst) {
  std::vector<UserRegion> old = {{"k", "first\n", 1, 3}, {"k", "second\n", 4, 6}};
  MergeResult merged =
      merge_user_regions("// bpc:begin-user-code k\n// bpc:end-user-code k\n", old, kSlashes);
  EXPECT_EQ(merged.text, "// bpc:begin-user-code k\nfirst\n// bpc:end-user-code k\n");
  ASSERT_EQ(merged.orphaned.size(), 1u);
  EXPECT_EQ(merged.orphaned[0].content, "second\n");
}

TEST(UserRegionsTest, MergeRefusesMalformedFreshText) {
  std::vector<UserRegion> old = {{"k", "x\n", 1, 3}};
  const std::string fresh = "// bpc:begin-user-code k\n";
  MergeResult merged = merge_user_regions(fresh, old, kSlashes);
  EXPECT_FALSE(merged.ok());
  EXPECT_EQ(merged.text, fresh);
  EXPECT_THAT(merged.problems[0].message, HasSubstr("never closed"));
}

TEST(UserRegionsTest, MergeChecksRestoredContent) {
  // Content taken from a `#` file can hold what reads as a `//` marker.
  std::vector<UserRegion> old = {{"k", "// bpc:end-user-code k\n", 1, 3}};
  MergeResult merged =
      merge_user_regions("// bpc:begin-user-code k\n// bpc:end-user-code k\n", old, kSlashes);
  EXPECT_FALSE(merged.ok());
  EXPECT_THAT(merged.problems[0].message, HasSubstr("after restoring user code"));
}

TEST(UserRegionsTest, MergeRoundTripsThroughExtraction) {
  const std::string fresh =
      "a\n// bpc:begin-user-code x\n// bpc:end-user-code x\nb\n"
      "// bpc:begin-user-code y\ny default\n// bpc:end-user-code y\n";
  std::vector<UserRegion> old = {{"x", "mine\r\nno newline at end", 0, 0}};
  MergeResult merged = merge_user_regions(fresh, old, kSlashes);
  // Content without a final newline would glue onto the end marker; it then no longer parses as
  // its own region, and the merge says so rather than producing a broken file silently.
  EXPECT_FALSE(merged.ok());

  old[0].content = "mine\r\n";
  merged = merge_user_regions(fresh, old, kSlashes);
  ASSERT_TRUE(merged.ok());
  RegionScan again = extract_user_regions(merged.text, kSlashes);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.find("x")->content, "mine\r\n");
  EXPECT_EQ(again.find("y")->content, "y default\n");
}

TEST(UserRegionsTest, CommentSyntaxForPaths) {
  EXPECT_EQ(comment_syntax_for_path("src/app.ts"), kSlashes);
  EXPECT_EQ(comment_syntax_for_path("include/a.HPP"), kSlashes);
  EXPECT_EQ(comment_syntax_for_path("app/main.py"), kHash);
  EXPECT_EQ(comment_syntax_for_path("Dockerfile"), kHash);
  EXPECT_EQ(comment_syntax_for_path("CMakeLists.txt"), kHash);
  EXPECT_EQ(comment_syntax_for_path("config.yaml"), kHash);
  EXPECT_EQ(comment_syntax_for_path("db/schema.sql"), CommentSyntax::line("--"));
  EXPECT_EQ(comment_syntax_for_path("README.md"), kHtml);
  EXPECT_EQ(comment_syntax_for_path("site.css"), CommentSyntax::block("/*", "*/"));
  EXPECT_EQ(comment_syntax_for_path("package.json"), std::nullopt);
  EXPECT_EQ(comment_syntax_for_path("notes.txt"), std::nullopt);
  EXPECT_EQ(comment_syntax_for_path("LICENSE"), std::nullopt);
}

}  // namespace
}  // namespace bpc::backends
