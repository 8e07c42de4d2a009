// The `@pattern` dialect (base/pattern.h): what it accepts, what it rejects and where, how it is
// spelled for each engine, and how RE2 matches it. tests/base/pattern_engines_test.py checks that
// JavaScript and Python agree with RE2 on the translations.

#include "base/pattern.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace bpc::base {
namespace {

using ::testing::HasSubstr;

TEST(PatternDialect, AcceptsThePortablePatterns) {
  for (const char* pattern : {
           "", "abc", "^[a-z0-9-]+$", "^\\+?[0-9 ]{7,20}$", "^[a-z0-9]+(?:-[a-z0-9]+)*$", "^\\w+\\s?\\d*$",
           "^C:\\\\1$", "^(red|green|blue)$", "^.{2,}$", "^[A-Z]{2}$", "(|a)", "a|", "()", "[-a]", "[a-]", "[^-a]",
           "[a^]", "[\\[\\]]", "[\\d\\w\\s.]", "\\D\\W\\S", "\\$\\/\\-\\^", "[\\-]", "a{0}", "a{1000}", "a{2,}",
           "a{0,1000}", "é+", "[😀-🙏]", "\\n\\r\\t", "[\\n-\\r]", "a/b", "x{3}(?:y)?", "[.]", "$^",
       }) {
    EXPECT_EQ(check_pattern(pattern), std::nullopt) << pattern;
  }
}

struct Rejected {
  const char* pattern;
  const char* message;  // a part of the message
  std::size_t begin;
  std::size_t end;
};

TEST(PatternDialect, RejectsWhatIsOutsideWithTheConstructAndItsPlace) {
  const Rejected cases[] = {
      {"a++", "possessive quantifier (`+` after a quantifier) at character 3", 2, 3},
      {"a*?", "lazy quantifier (`?` after a quantifier) at character 3", 2, 3},
      {"a{2}?", "lazy quantifier", 4, 5},
      {"a**", "quantifier `*` at character 3 follows another quantifier", 2, 3},
      {"*abc", "quantifier `*` at character 1 has nothing to repeat", 0, 1},
      {"(|*)", "nothing to repeat", 2, 3},
      {"^*", "repeats an anchor", 1, 2},
      {"a$?", "repeats an anchor", 2, 3},
      {"abc\\Z", "anchor `\\Z` at character 4 is not in the pattern dialect; write `$`", 3, 5},
      {"\\Aabc", "anchor `\\A` at character 1", 0, 2},
      {"\\z", "anchor `\\z`", 0, 2},
      {"[[:alpha:]]", "POSIX class `[:alpha:]` at character 2", 1, 10},
      {"a(?=b)", "lookahead `(?=` at character 2", 1, 4},
      {"a(?!b)", "negative lookahead `(?!` at character 2", 1, 4},
      {"(?<=a)b", "lookbehind `(?<=` at character 1", 0, 4},
      {"(?<!a)b", "negative lookbehind `(?<!`", 0, 4},
      {"(a)\\1", "backreference `\\1` at character 4", 3, 5},
      {"(?<n>a)\\k<n>", "named group `(?<`", 0, 3},
      {"\\k<n>", "named backreference `\\k`", 0, 2},
      {"(?P<n>a)", "named group `(?P<`", 0, 4},
      {"(?P=n)", "named backreference `(?P=`", 0, 4},
      {"(?i)abc", "inline flags or group extension `(?i`", 0, 3},
      {"(?>a)", "atomic group", 0, 3},
      {"\\bword\\b", "word boundary `\\b` at character 1", 0, 2},
      {"\\p{L}", "Unicode property escape `\\p`", 0, 2},
      {"\\x41", "code escape `\\x`", 0, 2},
      {"\\u0041", "code escape `\\u`", 0, 2},
      {"\\0", "NUL or octal escape", 0, 2},
      {"\\q", "unknown escape `\\q`", 0, 2},
      {"\\@", "escape `\\@` at character 1 is not in the pattern dialect", 0, 2},
      {"é\\é", "escape `\\é` at character 2", 2, 5},
      {"[\\D]", "the complement class `\\D` at character 2", 1, 3},
      {"[]", "empty character class `[]`", 0, 2},
      {"[^]", "empty character class `[^]`", 0, 3},
      {"[a", "the character class opened at character 1 is never closed", 0, 1},
      {"[z-a]", "range `z-a` at character 2 is out of order", 1, 4},
      {"[\\d-z]", "range at character 2 starts with a class escape", 1, 4},
      {"[a-\\d]", "ends with a class escape", 1, 5},
      {"[a-c-e]", "`-` at character 5 must be first or last", 4, 5},
      {"[[a]", "`[` at character 2 inside a class must be escaped", 1, 2},
      {"(ab", "the group opened at character 1 is never closed", 0, 1},
      {"ab)", "unmatched `)` at character 3", 2, 3},
      {"a]", "unescaped `]` at character 2", 1, 2},
      {"a}", "unescaped `}`", 1, 2},
      {"a{", "`{` at character 2 does not start a quantifier", 1, 2},
      {"a{,3}", "does not start a quantifier", 1, 2},
      {"a{2,1}", "quantifier `{2,1}` at character 2 has its bounds out of order", 1, 6},
      {"a{1001}", "counts past 1000", 1, 7},
      {"a{99999999999999999999999}", "counts past 1000", 1, 26},
      {"abc\\", "the pattern ends with a lone `\\` at character 4", 3, 4},
  };
  for (const Rejected& c : cases) {
    const auto error = check_pattern(c.pattern);
    ASSERT_TRUE(error.has_value()) << c.pattern;
    EXPECT_THAT(error->message, HasSubstr(c.message)) << c.pattern;
    EXPECT_EQ(error->begin, c.begin) << c.pattern << ": " << error->message;
    EXPECT_EQ(error->end, c.end) << c.pattern << ": " << error->message;
  }
}

TEST(PatternDialect, LimitsTheNestingOfGroupsWithoutRecursion) {
  const std::string ok = std::string(kMaxPatternGroupDepth, '(') + std::string(kMaxPatternGroupDepth, ')');
  EXPECT_EQ(check_pattern(ok), std::nullopt);
  const std::string deep = std::string(kMaxPatternGroupDepth + 1, '(') + std::string(kMaxPatternGroupDepth + 1, ')');
  const auto error = check_pattern(deep);
  ASSERT_TRUE(error.has_value());
  EXPECT_THAT(error->message, HasSubstr("nested deeper than 32 levels at character 33"));
  const std::string hostile(1'000'000, '(');
  EXPECT_TRUE(check_pattern(hostile).has_value());
}

TEST(PatternDialect, TranslatesForEachEngine) {
  EXPECT_EQ(translate_pattern("^a.b$", PatternEngine::Re2), "^a[^\\n\\r]b$");
  EXPECT_EQ(translate_pattern("^a.b$", PatternEngine::EcmaScript), "^a[^\\n\\r]b$");
  EXPECT_EQ(translate_pattern("^a.b$", PatternEngine::Python), "^a[^\\n\\r]b\\Z");
  EXPECT_EQ(translate_pattern("\\d\\D\\w\\W", PatternEngine::EcmaScript), "\\d\\D\\w\\W");
  EXPECT_EQ(translate_pattern("\\d\\D\\w\\W", PatternEngine::Re2), "[0-9][^0-9][0-9A-Za-z_][^0-9A-Za-z_]");
  EXPECT_EQ(translate_pattern("\\s\\S", PatternEngine::EcmaScript), "[\\t\\n\\v\\f\\r ][^\\t\\n\\v\\f\\r ]");
  EXPECT_EQ(translate_pattern("[^@\\s.$]", PatternEngine::Python), "[^@\\t\\n\\v\\f\\r .$]");
  EXPECT_EQ(translate_pattern("a\\-b[\\-]", PatternEngine::EcmaScript), "a-b[\\-]");
  EXPECT_EQ(translate_pattern("a\\-b", PatternEngine::Re2), "a\\-b");
  EXPECT_EQ(translate_pattern(std::string("a\0b\n", 4), PatternEngine::Re2), "a\\x{0}b\\x{a}");
  // Outside the dialect: unchanged.
  EXPECT_EQ(translate_pattern("(?=a).", PatternEngine::Re2), "(?=a).");
}

TEST(PatternMatching, FollowsTheDialectNotTheEngineDefaults) {
  const auto matches = [](std::string_view pattern, std::string_view text) {
    const Pattern compiled(pattern);
    EXPECT_TRUE(compiled.ok()) << pattern << ": " << compiled.error();
    return compiled.search(text);
  };
  EXPECT_TRUE(matches("b", "abc"));  // a search, not a full match
  EXPECT_FALSE(matches("^b", "abc"));
  EXPECT_FALSE(matches("^a$", "a\n"));  // `$` only at the very end
  EXPECT_FALSE(matches("^a.b$", "a\nb"));
  EXPECT_FALSE(matches("^a.b$", "a\rb"));
  EXPECT_TRUE(matches("^a.b$", "a\xE2\x80\xA8" "b"));  // U+2028 is a character like any other
  EXPECT_TRUE(matches("^.$", "é"));
  EXPECT_TRUE(matches("^.$", "😀"));
  EXPECT_FALSE(matches("^.$", "e\xCC\x81"));  // e + combining acute: two code points
  EXPECT_FALSE(matches("^\\d$", "\xD9\xA3"));  // ARABIC-INDIC DIGIT THREE is not `\d`
  EXPECT_FALSE(matches("^\\w$", "é"));
  EXPECT_TRUE(matches("^\\s$", "\v"));
  EXPECT_FALSE(matches("^\\s$", "\xC2\xA0"));  // NO-BREAK SPACE is not `\s`
  EXPECT_TRUE(matches("^\\S$", "\xC2\xA0"));
  EXPECT_TRUE(matches("^[^\\s@]+$", "a\xC2\xA0" "b"));
  EXPECT_TRUE(matches("^[😀-🙏]{2}$", "😀🙏"));
  EXPECT_TRUE(matches("^a\\$b\\-c$", "a$b-c"));
  EXPECT_TRUE(matches(std::string_view("^a\0b$", 5), std::string_view("a\0b", 3)));
}

TEST(PatternMatching, IsLinearOnHostileInput) {
  // Exponential for a backtracking engine: (a+)+ against a's and a final `!`.
  const Pattern nested("^(a+)+$");
  ASSERT_TRUE(nested.ok());
  EXPECT_FALSE(nested.search(std::string(30, 'a') + "!"));
  EXPECT_FALSE(nested.search(std::string(100'000, 'a') + "!"));
  EXPECT_TRUE(nested.search(std::string(100'000, 'a')));
  const Pattern email("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  EXPECT_FALSE(email.search(std::string(1'000'000, 'a')));
}

TEST(PatternMatching, ReportsPatternsTooLargeToCompile) {
  const Pattern huge("(((a{1000}){1000}){1000})");
  EXPECT_FALSE(huge.ok());
  EXPECT_FALSE(huge.error().empty());
  EXPECT_FALSE(huge.search("a"));
  const Pattern outside("(?=a)");
  EXPECT_FALSE(outside.ok());
  EXPECT_THAT(outside.error(), HasSubstr("lookahead"));
}

TEST(CodePoints, CountsCodePointsNotBytesOrUtf16Units) {
  EXPECT_EQ(code_point_count(""), 0u);
  EXPECT_EQ(code_point_count("abc"), 3u);
  EXPECT_EQ(code_point_count("é"), 1u);
  EXPECT_EQ(code_point_count("😀"), 1u);
  EXPECT_EQ(code_point_count("e\xCC\x81"), 2u);
}

}  // namespace
}  // namespace bpc::base
