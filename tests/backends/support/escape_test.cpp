// String literals and doc comments (backends/support/naming.h, escape.cpp): exact outputs. The
// round trips through the real tools are in tool_roundtrip_test.cpp.

#include <gtest/gtest.h>

#include "backends/support/markdown.h"
#include "backends/support/naming.h"
#include "hostile.h"

namespace bpc::backends {
namespace {

using namespace std::string_literals;

TEST(TypeScriptString, Quotes) {
  EXPECT_EQ(typescript_string("it's"), "'it\\'s'");
  EXPECT_EQ(typescript_string("say \"hi\"", Quote::Double), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(typescript_string("say \"hi\" it's"), "'say \"hi\" it\\'s'");
  EXPECT_EQ(typescript_string("a`b ${x} $y {z} $", Quote::Backtick), "`a\\`b \\${x} $y {z} $`");
  EXPECT_EQ(typescript_string("${x}", Quote::Single), "'${x}'");
}

TEST(TypeScriptString, Escapes) {
  EXPECT_EQ(typescript_string("a\\b\nc\rd\te"), "'a\\\\b\\nc\\rd\\te'");
  EXPECT_EQ(typescript_string("\0"s + "7"), "'\\x007'");
  EXPECT_EQ(typescript_string("\x01\x1F\x7F"), "'\\x01\\x1F\\x7F'");
  EXPECT_EQ(typescript_string("\u0085"), "'\\x85'");
  EXPECT_EQ(typescript_string("\u2028\u2029"), "'\\u2028\\u2029'");
  EXPECT_EQ(typescript_string("\u202E\uFEFF\u200B"), "'\\u202E\\uFEFF\\u200B'");
  EXPECT_EQ(typescript_string("مرحبا 😀 👨‍👩‍👧"), "'مرحبا 😀 👨‍👩‍👧'");  // ZWJ kept
}

TEST(TypeScriptString, IllFormedUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(typescript_string("a\xFF" "b\xC3"), "'a\uFFFDb\uFFFD'");
  EXPECT_EQ(python_string("\xED\xA0\x80"), "\"\uFFFD\uFFFD\uFFFD\"");  // an encoded surrogate
}

TEST(PythonString, QuotesAndEscapes) {
  EXPECT_EQ(python_string("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(python_string("it's", Quote::Single), "'it\\'s'");
  EXPECT_EQ(python_string("a\\b\nc\0d"s), "\"a\\\\b\\nc\\x00d\"");
  EXPECT_EQ(python_string("\u2029\u202E"), "\"\\u2029\\u202E\"");
  EXPECT_EQ(python_string("${x} `"), "\"${x} `\"");
  EXPECT_EQ(python_string("ذ 😀"), "\"ذ 😀\"");
  EXPECT_THROW(python_string("x", Quote::Backtick), std::invalid_argument);
}

TEST(CppString, Escapes) {
  EXPECT_EQ(cpp_string("say \"hi\" \\"), "\"say \\\"hi\\\" \\\\\"");
  EXPECT_EQ(cpp_string("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
  EXPECT_EQ(cpp_string("\0"s + "7"), "\"\\0007\"");
  EXPECT_EQ(cpp_string("\x01" "A"), "\"\\001A\"");
  EXPECT_EQ(cpp_string("\x7F"), "\"\\177\"");
  EXPECT_EQ(cpp_string("it's ${x}"), "\"it's ${x}\"");
}

TEST(CppString, Trigraphs) {
  EXPECT_EQ(cpp_string("?\?="), "\"?\\?=\"");
  EXPECT_EQ(cpp_string("?\?\?"), "\"?\\?\\?\"");
  EXPECT_EQ(cpp_string("? ?"), "\"? ?\"");
  EXPECT_EQ(cpp_string("?\"?"), "\"?\\\"?\"");
}

TEST(CppString, NonAscii) {
  EXPECT_EQ(cpp_string("é"), "\"\\303\\251\"");
  EXPECT_EQ(cpp_string("é", CppNonAscii::Utf8), "\"é\"");
  EXPECT_EQ(cpp_string("😀", CppNonAscii::Utf8), "\"😀\"");
  // Invisible characters and C1 controls are escaped in either mode.
  EXPECT_EQ(cpp_string("\u202E", CppNonAscii::Utf8), "\"\\342\\200\\256\"");
  EXPECT_EQ(cpp_string("\u0085", CppNonAscii::Utf8), "\"\\302\\205\"");
}

TEST(CppString, LongLiteralsStayOneLiteral) {
  const std::string literal = cpp_string(std::string(100000, 'a'));
  EXPECT_EQ(literal, "\"" + std::string(100000, 'a') + "\"");
}

TEST(StringLiteral, PerTarget) {
  EXPECT_EQ(string_literal("x", Target::TypeScript), "'x'");
  EXPECT_EQ(string_literal("x", Target::Python), "\"x\"");
  EXPECT_EQ(string_literal("é", Target::Cpp), "\"\\303\\251\"");
}

// No literal of any target contains a raw line break, so the printer never re-indents one.
TEST(StringLiteral, NeverContainsARawLineBreak) {
  for (const std::string& s : testing::hostile_strings()) {
    for (const std::string& literal :
         {typescript_string(s), typescript_string(s, Quote::Double), typescript_string(s, Quote::Backtick),
          python_string(s), python_string(s, Quote::Single), cpp_string(s), cpp_string(s, CppNonAscii::Utf8)}) {
      EXPECT_EQ(literal.find_first_of("\n\r"), std::string::npos) << literal;
      EXPECT_EQ(literal.find("\u2028"), std::string::npos) << literal;
    }
  }
}

TEST(DocComment, BlockComments) {
  EXPECT_EQ(doc_comment("", Target::TypeScript), "");
  EXPECT_EQ(doc_comment(" \n\t\n", Target::Cpp), "");
  EXPECT_EQ(doc_comment("The patient.", Target::TypeScript), "/** The patient. */");
  EXPECT_EQ(doc_comment("\nFirst.\n\nSecond.  \n\n", Target::TypeScript),
            "/**\n * First.\n *\n * Second.\n */");
  EXPECT_EQ(doc_comment("a */ b /* c */*", Target::Cpp), "/** a *\\/ b /\\* c *\\/\\* */");
  EXPECT_EQ(doc_comment("a\u2028b\r\nc\rd", Target::TypeScript), "/**\n * a\n * b\n * c\n * d\n */");
  EXPECT_EQ(doc_comment("x\x01y\u202Ez\tw", Target::TypeScript), "/** x\uFFFDy\uFFFDz\tw */");
  EXPECT_EQ(doc_comment("مرحبا 😀", Target::Cpp), "/** مرحبا 😀 */");
}

TEST(DocComment, PythonDocstrings) {
  EXPECT_EQ(doc_comment("The patient.", Target::Python), "\"\"\"The patient.\"\"\"");
  EXPECT_EQ(doc_comment("First.\n\nSecond.", Target::Python), "\"\"\"First.\n\nSecond.\n\"\"\"");
  EXPECT_EQ(doc_comment("say \"\"\"hi\"\"\"", Target::Python), "\"\"\"say \\\"\\\"\"hi\\\"\\\"\\\"\"\"\"");
  EXPECT_EQ(doc_comment("ends \"", Target::Python), "\"\"\"ends \\\"\"\"\"");
  EXPECT_EQ(doc_comment("\\n and \\", Target::Python), "\"\"\"\\\\n and \\\\\"\"\"");
  EXPECT_EQ(doc_comment("a\x01" "b\u2028c", Target::Python), "\"\"\"a\\x01b\nc\n\"\"\"");
  EXPECT_EQ(doc_comment("bidi \u202E", Target::Python), "\"\"\"bidi \\u202E\"\"\"");
}

}  // namespace
}  // namespace bpc::backends

namespace {

using bpc::backends::markdown_message;

TEST(MarkdownMessage, KeepsQuotedNamesAsCodeAndEscapesTheRest) {
  EXPECT_EQ(markdown_message("relation route `listDepartmentsOfCompany`: `company` is not given"),
            "relation route `listDepartmentsOfCompany`: `company` is not given");
  EXPECT_EQ(markdown_message("no valid sample for `code`: the pattern ^[A-Z]*_x$"),
            "no valid sample for `code`: the pattern ^\\[A-Z\\]\\*\\_x$");
}

TEST(MarkdownMessage, AnUnpairedBacktickOrALineBreakStaysText) {
  EXPECT_EQ(markdown_message("the pattern a`b for `x`"), "the pattern a\\`b for `x`");
  EXPECT_EQ(markdown_message("`a\nb` and `c`"), "\\`a b\\` and `c`");
  EXPECT_EQ(markdown_message("- `x` first"), "\\- `x` first");
}

}  // namespace
