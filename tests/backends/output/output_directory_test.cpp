// The virtual output directory: every path rule, case and file/directory clashes, order, and
// the user-code checks done when a file is added.

#include "backends/output/output_directory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bpc::backends {
namespace {

using ::testing::HasSubstr;

// The reason `add` refuses `path` (failing the test when it accepts it).
std::string refusal(OutputDirectory& out, const std::string& path) {
  try {
    out.add(path, "x");
  } catch (const OutputError& error) {
    EXPECT_EQ(error.path(), path);
    if (path.find('\0') == std::string::npos) {
      EXPECT_THAT(error.what(), HasSubstr(error.reason()));
    }
    return error.reason();
  }
  ADD_FAILURE() << "accepted `" << path << "`";
  return "";
}

std::string refusal(const std::string& path) {
  OutputDirectory out;
  return refusal(out, path);
}

TEST(OutputDirectoryTest, AcceptsOrdinaryRelativePaths) {
  OutputDirectory out;
  for (const char* path : {"package.json", "src/app.ts", ".gitignore", "a/b/c/d.e.f",
                           "docs/caf\xc3\xa9.md", "src/.env.example", "x-y_z/~tmp", "con-tent/a"}) {
    EXPECT_EQ(OutputDirectory::check_path(path), std::nullopt) << path;
    EXPECT_NO_THROW(out.add(path, "")) << path;
  }
  EXPECT_EQ(out.size(), 8u);
}

TEST(OutputDirectoryTest, RefusesEmptyAndAbsolutePaths) {
  EXPECT_THAT(refusal(""), HasSubstr("empty"));
  EXPECT_THAT(refusal("/etc/passwd"), HasSubstr("absolute"));
  EXPECT_THAT(refusal("/"), HasSubstr("absolute"));
}

TEST(OutputDirectoryTest, RefusesDotDotComponents) {
  for (const char* path : {"..", "../x", "a/../../x", "a/..", "a/../b"}) {
    EXPECT_THAT(refusal(path), HasSubstr("`..`")) << path;
  }
  // `..` inside a name is fine.
  EXPECT_EQ(OutputDirectory::check_path("a..b/c..d"), std::nullopt);
}

TEST(OutputDirectoryTest, RefusesDotAndEmptyComponents) {
  EXPECT_THAT(refusal("./a"), HasSubstr("`.`"));
  EXPECT_THAT(refusal("a/./b"), HasSubstr("`.`"));
  EXPECT_THAT(refusal("a//b"), HasSubstr("empty component"));
  EXPECT_THAT(refusal("a/"), HasSubstr("empty component"));
}

TEST(OutputDirectoryTest, RefusesBackslashes) {
  EXPECT_THAT(refusal("src\\app.ts"), HasSubstr("backslash"));
  EXPECT_THAT(refusal("..\\..\\x"), HasSubstr("backslash"));
}

TEST(OutputDirectoryTest, RefusesNulAndControlCharacters) {
  EXPECT_THAT(refusal(std::string("a\0b", 3)), HasSubstr("NUL"));
  try {
    OutputDirectory out;
    out.add(std::string("a\0b\\c", 5), "");
  } catch (const OutputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("`a\\x00b\\c`"));  // shown escaped
  }
  EXPECT_THAT(refusal("a\nb"), HasSubstr("U+000A"));
  EXPECT_THAT(refusal("a\tb"), HasSubstr("U+0009"));
  EXPECT_THAT(refusal("a\x1b[31m"), HasSubstr("U+001B"));
  EXPECT_THAT(refusal("a\x7f"), HasSubstr("U+007F"));
}

TEST(OutputDirectoryTest, RefusesInvalidUtf8) {
  EXPECT_THAT(refusal("a\xff.ts"), HasSubstr("UTF-8"));
  EXPECT_THAT(refusal("\xc0\xaf"), HasSubstr("UTF-8"));  // an overlong `/`
}

TEST(OutputDirectoryTest, RefusesWindowsDriveLettersAndColons) {
  EXPECT_THAT(refusal("C:foo"), HasSubstr("drive letter"));
  EXPECT_THAT(refusal("c:/windows/x"), HasSubstr("drive letter"));
  EXPECT_THAT(refusal("Z:"), HasSubstr("drive letter"));
  EXPECT_THAT(refusal("a/file.txt:stream"), HasSubstr("`:`"));
}

TEST(OutputDirectoryTest, RefusesCharactersWindowsForbids) {
  for (const char* path : {"a<b", "a>b", "a\"b", "a|b", "what?", "glob*"}) {
    EXPECT_THAT(refusal(path), HasSubstr("Windows")) << path;
  }
}

TEST(OutputDirectoryTest, RefusesTrailingDotsAndSpaces) {
  EXPECT_THAT(refusal("name."), HasSubstr("ends with `.`"));
  EXPECT_THAT(refusal("dir /x"), HasSubstr("ends with ` `"));
}

TEST(OutputDirectoryTest, RefusesWindowsDeviceNames) {
  for (const char* path : {"CON", "con.ts", "src/Nul.txt", "aux", "PRN.json", "COM1", "lpt9.md"}) {
    EXPECT_THAT(refusal(path), HasSubstr("device name")) << path;
  }
  for (const char* path : {"console.ts", "COM0", "com10", "lpt", "nullable.ts"}) {
    EXPECT_EQ(OutputDirectory::check_path(path), std::nullopt) << path;
  }
}

TEST(OutputDirectoryTest, RefusesOverlongComponents) {
  EXPECT_EQ(OutputDirectory::check_path(std::string(255, 'a')), std::nullopt);
  EXPECT_THAT(refusal(std::string(256, 'a')), HasSubstr("255"));
}

TEST(OutputDirectoryTest, RefusesNamesReservedForBpc) {
  EXPECT_THAT(refusal(".bpc-manifest.json"), HasSubstr("reserved"));
  EXPECT_THAT(refusal("src/.bpc-tmp-1-2"), HasSubstr("reserved"));
  EXPECT_THAT(refusal("src/app.ts.orphaned-user-code"), HasSubstr("reserved"));
}

TEST(OutputDirectoryTest, RefusesTheSamePathTwice) {
  OutputDirectory out;
  out.add("src/app.ts", "one");
  EXPECT_THAT(refusal(out, "src/app.ts"), HasSubstr("already added"));
  EXPECT_EQ(out.find("src/app.ts")->contents, "one");
}

TEST(OutputDirectoryTest, RefusesPathsDifferingOnlyByCase) {
  OutputDirectory out;
  out.add("src/app.ts", "");
  EXPECT_THAT(refusal(out, "src/App.ts"), HasSubstr("differs only by case from `src/app.ts`"));
  EXPECT_THAT(refusal(out, "SRC/APP.TS"), HasSubstr("differs only by case"));
  // A directory spelled differently, even for another file.
  EXPECT_THAT(refusal(out, "Src/other.ts"), HasSubstr("directory `Src` differs only by case"));
  EXPECT_NO_THROW(out.add("src/other.ts", ""));
  EXPECT_NO_THROW(out.add("src2/App.ts", ""));
}

TEST(OutputDirectoryTest, RefusesAFileWhereADirectoryIs) {
  OutputDirectory out;
  out.add("a/b/c.ts", "");
  EXPECT_THAT(refusal(out, "a/b"), HasSubstr("is a directory of `a/b/c.ts`"));
  EXPECT_THAT(refusal(out, "a"), HasSubstr("is a directory of"));
  EXPECT_THAT(refusal(out, "A/B"), HasSubstr("is a directory of"));
}

TEST(OutputDirectoryTest, RefusesADirectoryWhereAFileIs) {
  OutputDirectory out;
  out.add("a/b", "");
  EXPECT_THAT(refusal(out, "a/b/c.ts"), HasSubstr("directory `a/b` is a file"));
  EXPECT_THAT(refusal(out, "a/B/c.ts"), HasSubstr("is a file"));
}

TEST(OutputDirectoryTest, ARefusedFileLeavesNoTrace) {
  OutputDirectory out;
  const FileOptions ts{.user_code = CommentSyntax::line("//")};
  out.add("x.ts", "// bpc:begin-user-code k\n// bpc:end-user-code k\n", ts);
  // Refused after their directories were looked at: neither `dir` nor `ok` may be recorded.
  EXPECT_THROW(out.add("dir/y.ts", "// bpc:begin-user-code k\n// bpc:end-user-code k\n", ts),
               OutputError);
  EXPECT_THROW(out.add("ok/file.ts", "// bpc:begin-user-code j\n", ts), OutputError);
  EXPECT_NO_THROW(out.add("dir", ""));
  EXPECT_NO_THROW(out.add("ok", "// bpc:begin-user-code j\n// bpc:end-user-code j\n", ts));
  EXPECT_EQ(out.size(), 3u);
}

TEST(OutputDirectoryTest, FilesAreSortedWhateverTheOrderOfAdding) {
  std::vector<std::string> paths = {"src/z.ts", "README.md", "src/a/b.ts", "a.ts", "src/a.ts",
                                    "Z.ts", "src/a-b.ts"};
  auto listing = [](const std::vector<std::string>& order) {
    OutputDirectory out;
    for (const std::string& path : order) out.add(path, path);
    std::vector<std::string> result;
    for (const auto& [path, file] : out) {
      EXPECT_EQ(path, file.path);
      result.push_back(path);
    }
    return result;
  };
  std::vector<std::string> forward = listing(paths);
  std::vector<std::string> backward = listing({paths.rbegin(), paths.rend()});
  EXPECT_EQ(forward, backward);
  EXPECT_EQ(forward, (std::vector<std::string>{"README.md", "Z.ts", "a.ts", "src/a-b.ts",
                                               "src/a.ts", "src/a/b.ts", "src/z.ts"}));
}

TEST(OutputDirectoryTest, RecordsKindAndUserCodeSyntax) {
  OutputDirectory out;
  out.add("gen.ts", "g");
  out.add("src/handlers.ts", "s", {.kind = FileKind::Scaffold});
  out.add("main.py", "# bpc:begin-user-code main\n# bpc:end-user-code main\n",
          {.user_code = CommentSyntax::line("#")});
  EXPECT_TRUE(out.find("gen.ts")->generated());
  EXPECT_FALSE(out.find("src/handlers.ts")->generated());
  EXPECT_EQ(out.find("src/handlers.ts")->kind, FileKind::Scaffold);
  EXPECT_EQ(out.find("gen.ts")->user_code, std::nullopt);
  EXPECT_EQ(out.find("main.py")->user_code, CommentSyntax::line("#"));
  EXPECT_TRUE(out.contains("main.py"));
  EXPECT_FALSE(out.contains("missing"));
  EXPECT_EQ(out.find("missing"), nullptr);
}

TEST(OutputDirectoryTest, RefusesMalformedUserCodeMarkers) {
  OutputDirectory out;
  try {
    out.add("a.ts", "x\n// bpc:begin-user-code one\n", {.user_code = CommentSyntax::line("//")});
    FAIL();
  } catch (const OutputError& error) {
    EXPECT_THAT(error.reason(), HasSubstr("line 2"));
    EXPECT_THAT(error.reason(), HasSubstr("never closed"));
  }
  // Without a comment syntax the markers are just text.
  EXPECT_NO_THROW(out.add("b.json", "// bpc:begin-user-code one\n"));
}

TEST(OutputDirectoryTest, RegionKeysAreUniqueAcrossTheProject) {
  OutputDirectory out;
  const std::string region = "// bpc:begin-user-code shared\n// bpc:end-user-code shared\n";
  out.add("a.ts", region, {.user_code = CommentSyntax::line("//")});
  try {
    out.add("b.ts", region, {.user_code = CommentSyntax::line("//")});
    FAIL();
  } catch (const OutputError& error) {
    EXPECT_THAT(error.reason(), HasSubstr("`shared` is already used in `a.ts`"));
  }
  EXPECT_FALSE(out.contains("b.ts"));
}

}  // namespace
}  // namespace bpc::backends
