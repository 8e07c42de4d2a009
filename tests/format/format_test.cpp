// Tests of `bpc fmt`'s formatter: unit tests of the layout rules of docs/formatting.md, and
// properties checked over every valid corpus file and every example:
//   (a) formatting is idempotent;
//   (b) the output parses without diagnostics to the same tree apart from layout;
//   (c) every comment survives, with the same text, in the same order;
//   (d) the output has no trailing whitespace and ends with exactly one newline;
//   (e) the layout of the input does not matter beyond what the rules keep (CRLF input gives
//       the same output as LF input).

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "frontend/format/formatter.h"
#include "frontend/frontend.h"

namespace bpc {
namespace {

// A parsed text with everything it views.
struct Parsed {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  ParsedFile file;

  explicit Parsed(std::string text) : file(parse(sources, diagnostics, std::move(text))) {}

  static ParsedFile parse(SourceManager& sources, DiagnosticEngine& diagnostics,
                          std::string text) {
    const FileId id = sources.add("test.bpl", std::move(text));
    return parse_file(sources, id, diagnostics);
  }

  std::string errors() const {
    std::string result;
    for (const Diagnostic& d : diagnostics.diagnostics()) result += d.message + "\n";
    return result;
  }
};

// Formats `text`, which must parse cleanly.
std::string format(std::string_view text) {
  Parsed parsed{std::string(text)};
  EXPECT_FALSE(parsed.diagnostics.has_errors()) << "input does not parse:\n"
                                                << parsed.errors() << text;
  return format_tree(*parsed.file.tree);
}

// ---- unit tests: layout ------------------------------------------------------------------------

TEST(FormatLayout, EmptyAndBlankFilesGiveEmptyOutput) {
  EXPECT_EQ(format(""), "");
  EXPECT_EQ(format("  \n\n\t \r\n"), "");
}

TEST(FormatLayout, EntityMembersOnePerLineWithTwoSpaceIndent) {
  EXPECT_EQ(format("entity Patient {\n    id: uuid @id @generated\n name :string\n\t}\n"),
            "entity Patient {\n  id: uuid @id @generated\n  name: string\n}\n");
}

TEST(FormatLayout, FieldSpacingIsCanonical) {
  EXPECT_EQ(format("entity E {\n"
                   "a:list< map <string,list<int>> >?=[1,2,]@d( a ,b.c , )@e\n"
                   "b : Money= - 5\n"
                   "c: json = {x:1,\"y-z\" : [ ] , w:{}}\n"
                   "}"),
            "entity E {\n"
            "  a: list<map<string, list<int>>>? = [1, 2] @d(a, b.c) @e\n"
            "  b: Money = -5\n"
            "  c: json = { x: 1, \"y-z\": [], w: {} }\n"
            "}\n");
}

TEST(FormatLayout, StringsAndNumbersArePrintedAsWritten) {
  EXPECT_EQ(format("entity E { a: string = \"Say \\\"hi\\\" \\u{1F44B}\\n\", b: float = 2.5E-3, "
                   "c: int = 007 }"),
            "entity E { a: string = \"Say \\\"hi\\\" \\u{1F44B}\\n\", b: float = 2.5E-3, "
            "c: int = 007 }\n");
}

TEST(FormatLayout, OneLineEnumStaysOnOneLine) {
  EXPECT_EQ(format("enum Status {requested,confirmed cancelled,}"),
            "enum Status { requested, confirmed, cancelled }\n");
}

TEST(FormatLayout, MultiLineEnumHasOneValuePerLineWithoutCommas) {
  EXPECT_EQ(format("enum Channel { email,\n sms, fax @deprecated(\"Use email.\"), }"),
            "enum Channel {\n  email\n  sms\n  fax @deprecated(\"Use email.\")\n}\n");
}

TEST(FormatLayout, OneLineEnumTooWideIsBrokenUp) {
  std::string values;
  std::string expected = "enum Wide {\n";
  for (int i = 0; i < 12; ++i) {
    values += (i ? ", value" : "value") + std::to_string(i);
    expected += "  value" + std::to_string(i) + "\n";
  }
  expected += "}\n";
  EXPECT_EQ(format("enum Wide { " + values + " }"), expected);
}

TEST(FormatLayout, OneLineFieldBlocksStayOnOneLineWithCommas) {
  EXPECT_EQ(format("event AppointmentCancelled {appointment: Appointment reason: string}\n"
                   "struct Point { x: int, y: int, }\n"),
            "event AppointmentCancelled { appointment: Appointment, reason: string }\n\n"
            "struct Point { x: int, y: int }\n");
}

TEST(FormatLayout, EmptyBlocksAreBraces) {
  EXPECT_EQ(format("entity E {\n\n}\npolicy P { }\napi A {\n}\ntarget openapi {}\n"),
            "entity E {}\n\npolicy P {}\n\napi A {}\n\ntarget openapi {}\n");
}

TEST(FormatLayout, PropertyBlockStaysOnOneLineOnlyWithOneProperty) {
  EXPECT_EQ(format("target ts { package \"@clinic/api\" }\n"
                   "intent page \"Desk\" priority medium { description \"x\" uses A, B }\n"),
            "target ts { package \"@clinic/api\" }\n\n"
            "intent page \"Desk\" priority medium {\n"
            "  description \"x\"\n"
            "  uses A, B\n"
            "}\n");
}

TEST(FormatLayout, BlueprintHeaderPropertiesOnePerLine) {
  EXPECT_EQ(format("blueprint Clinic { version \"1.4.0\" locales en,ar platform fullstack }"),
            "blueprint Clinic {\n  version \"1.4.0\"\n  locales en, ar\n  platform fullstack\n}\n");
}

TEST(FormatLayout, PolicyRulesOnePerLine) {
  EXPECT_EQ(format("policy { allow Admin to * allow Receptionist,Member to [read,create,] on "
                   "Patient,Doctor deny Intern to delete when isNew }"),
            "policy {\n"
            "  allow Admin to *\n"
            "  allow Receptionist, Member to [read, create] on Patient, Doctor\n"
            "  deny Intern to delete when isNew\n"
            "}\n");
}

TEST(FormatLayout, WorkflowItemsOnePerLine) {
  EXPECT_EQ(format("workflow Booking on Appointment . status { initial requested guard free "
                   "requested,confirmed->cancelled on cancel( reason : string ) by A , B when "
                   "free emits X.Y, Z }"),
            "workflow Booking on Appointment.status {\n"
            "  initial requested\n"
            "  guard free\n"
            "  requested, confirmed -> cancelled on cancel(reason: string) by A, B when free "
            "emits X.Y, Z\n"
            "}\n");
}

TEST(FormatLayout, ApiMembersOnePerLineAndEmptyPunctuationKept) {
  EXPECT_EQ(format("api ClinicApi at \"/api/v1\" { resource Patient{list,get,} resource Doctor "
                   "resource Slot {} with workflow Booking operation ping() operation f(a:int,)"
                   "->list<int>@http(GET,\"/f\")@deprecated() by Admin,Member }"),
            "api ClinicApi at \"/api/v1\" {\n"
            "  resource Patient { list, get }\n"
            "  resource Doctor\n"
            "  resource Slot {} with workflow Booking\n"
            "  operation ping()\n"
            "  operation f(a: int) -> list<int> @http(GET, \"/f\") @deprecated() by Admin, Member\n"
            "}\n");
}

TEST(FormatLayout, DeclarationsAreSeparatedByOneBlankLine) {
  EXPECT_EQ(format("entity A {\n  id: int\n}\n\n\n\nentity B {\n  id: int\n}\nenum E { a }"),
            "entity A {\n  id: int\n}\n\nentity B {\n  id: int\n}\n\nenum E { a }\n");
}

TEST(FormatLayout, ConsecutiveOneLineDeclarationsOfOneKindStayTogether) {
  EXPECT_EQ(format("import \"a.bpl\"\nimport \"b.bpl\"\nrole A role B\n\n\nrole C\n"
                   "type X = int\n/// Doc.\ntype Y = string\nrole D"),
            "import \"a.bpl\"\nimport \"b.bpl\"\n\nrole A\nrole B\n\nrole C\n\n"
            "type X = int\n/// Doc.\ntype Y = string\n\nrole D\n");
}

TEST(FormatLayout, BlankLinesInsideBlocksKeptAtMostOne) {
  EXPECT_EQ(format("entity E {\n\n\n  a: int\n\n\n\n  b: int\n  c: int\n\n}\n"),
            "entity E {\n  a: int\n\n  b: int\n  c: int\n}\n");
}

TEST(FormatLayout, LongOperationWrapsDecoratorsAndByClause) {
  EXPECT_EQ(format("api A { operation reassign(id: uuid, doctor: Doctor) -> Appointment "
                   "@http(POST, \"/appointments/{id}/reassign\") by Admin }"),
            "api A {\n"
            "  operation reassign(id: uuid, doctor: Doctor) -> Appointment\n"
            "    @http(POST, \"/appointments/{id}/reassign\") by Admin\n"
            "}\n");
}

TEST(FormatLayout, LongTransitionWrapsClauses) {
  EXPECT_EQ(format("workflow Booking on Appointment.status { requested, confirmed -> cancelled "
                   "on cancel(reason: string) by Receptionist, Admin emits AppointmentCancelled }"),
            "workflow Booking on Appointment.status {\n"
            "  requested, confirmed -> cancelled on cancel(reason: string) by Receptionist, Admin\n"
            "    emits AppointmentCancelled\n"
            "}\n");
}

TEST(FormatLayout, LongFieldWrapsDecorators) {
  EXPECT_EQ(format("entity E { description: string @minLength(1) @maxLength(4000) "
                   "@pattern(\"^[A-Za-z0-9 ,.;:!?()-]+$\") @deprecated(\"Use summary.\") }"),
            "entity E {\n"
            "  description: string @minLength(1) @maxLength(4000) "
            "@pattern(\"^[A-Za-z0-9 ,.;:!?()-]+$\")\n"
            "    @deprecated(\"Use summary.\")\n"
            "}\n");
}

TEST(FormatLayout, TooLongParametersGoOnePerLine) {
  EXPECT_EQ(format("api A { operation search(query: string @minLength(2), limit: int = 20 "
                   "@max(100), offset: int = 0 @min(0)) -> list<Patient> by Admin }"),
            "api A {\n"
            "  operation search(\n"
            "    query: string @minLength(2),\n"
            "    limit: int = 20 @max(100),\n"
            "    offset: int = 0 @min(0),\n"
            "  ) -> list<Patient> by Admin\n"
            "}\n");
}

TEST(FormatLayout, CrlfInputGivesLfOutput) {
  EXPECT_EQ(format("// c\r\nentity E {\r\n\ta: int\r\n\r\n\tb: int /* x\r\n y */\r\n}\r\n"),
            "// c\nentity E {\n  a: int\n\n  b: int /* x\n y */\n}\n");
}

// ---- unit tests: comments ----------------------------------------------------------------------

TEST(FormatComments, OwnLineCommentsStayBeforeTheirMemberAtItsIndent) {
  EXPECT_EQ(format("// File header.\n\n// About E.\nentity E {\n"
                   "        // About a.\n   /* block */\n a: int\n}\n"),
            "// File header.\n\n// About E.\nentity E {\n  // About a.\n  /* block */\n"
            "  a: int\n}\n");
}

TEST(FormatComments, EndOfLineCommentsStayAtTheEndOfTheirLine) {
  EXPECT_EQ(format("entity E { // after brace\n  a: int   // after a\n  b: int, /* after b */\n"
                   "} // after E\nrole R /* after R */"),
            "entity E { // after brace\n  a: int // after a\n  b: int /* after b */\n"
            "} // after E\n\nrole R /* after R */\n");
}

TEST(FormatComments, DocCommentsStayDirectlyAboveWhatTheyDocument) {
  EXPECT_EQ(format("/// An e-mail address.\n\ntype Email = string\nenum E {\n  a /// Documents b.\n"
                   "  b\n}\n"),
            "/// An e-mail address.\n\ntype Email = string\n\nenum E {\n  a\n"
            "  /// Documents b.\n  b\n}\n");
}

TEST(FormatComments, CommentsBeforeTheClosingBraceStayInside) {
  EXPECT_EQ(format("entity E {\n  a: int\n\n  // The end.\n  /// Dangling doc.\n}\n"),
            "entity E {\n  a: int\n\n  // The end.\n  /// Dangling doc.\n}\n");
}

TEST(FormatComments, BlockCommentsInsideAMemberStayInPlace) {
  EXPECT_EQ(format("entity E { a: list</* elements */int> = [1, /* two */ 2] }"),
            "entity E { a: list< /* elements */ int> = [1, /* two */ 2] }\n");
}

TEST(FormatComments, LineCommentInsideAListBreaksItOnePerLine) {
  EXPECT_EQ(format("target t {\n  emit [types, // the types\n client, /// doc\n server]\n}\n"),
            "target t {\n  emit [\n    types, // the types\n    client,\n    /// doc\n"
            "    server,\n  ]\n}\n");
}

TEST(FormatComments, DocCommentOnAParameterBreaksTheParameters) {
  EXPECT_EQ(format("api A {\n  operation f(\n    /// The query.\n    query: string, limit: int"
                   " // at most 100\n  ) -> int\n}\n"),
            "api A {\n  operation f(\n    /// The query.\n    query: string,\n"
            "    limit: int, // at most 100\n  ) -> int\n}\n");
}

TEST(FormatComments, LineCommentInsideAMemberContinuesOnANewLine) {
  EXPECT_EQ(format("policy {\n  allow Receptionist, // front desk\n Admin to read\n}\n"),
            "policy {\n  allow Receptionist, // front desk\n    Admin to read\n}\n");
}

TEST(FormatComments, LineCommentBeforeAClosingAngleMovesToTheLineEnd) {
  EXPECT_EQ(format("entity E {\n  b: list<list<int>// inner\n  >\n  c: int\n}\n"),
            "entity E {\n  b: list<list<int>> // inner\n  c: int\n}\n");
}

TEST(FormatComments, MultiLineBlockCommentIsVerbatim) {
  EXPECT_EQ(format("/*\n *  Box\n *    indented   \n */\nrole R\n"),
            "/*\n *  Box\n *    indented\n */\nrole R\n");
}

TEST(FormatComments, LineCommentKeepsItsTextButNotTrailingSpaces) {
  EXPECT_EQ(format("//// ruler ---   \n///\n//x\t\nrole R"), "//// ruler ---\n///\n//x\nrole R\n");
}

TEST(FormatComments, CommentsAtEndOfFile) {
  EXPECT_EQ(format("role R\n\n\n// The end."), "role R\n\n// The end.\n");
  EXPECT_EQ(format("role R // after\n// The end."), "role R // after\n// The end.\n");
  EXPECT_EQ(format("// only\n\n/* comments */"), "// only\n\n/* comments */\n");
}

TEST(FormatComments, LineCommentBeforeTheOpeningBraceMovesAfterIt) {
  EXPECT_EQ(format("policy // after keyword\n{ // after brace\n  allow A to *\n}\n"),
            "policy { // after keyword\n  // after brace\n  allow A to *\n}\n");
}

TEST(FormatComments, OneLineBlockWithALineCommentIsBrokenUp) {
  EXPECT_EQ(format("enum E // note\n{ a, b }\n"), "enum E { // note\n  a\n  b\n}\n");
}

// ---- properties over the corpus --------------------------------------------------------------

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> corpus_files() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  const fs::path root = BPC_SOURCE_DIR;
  for (const char* dir : {"tests/corpus/valid", "examples"}) {
    const fs::path base = root / dir;
    if (!fs::is_directory(base)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(base)) {
      if (entry.is_regular_file() && entry.path().extension() == ".bpl") {
        files.push_back(fs::relative(entry.path(), root).generic_string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The tree apart from layout: kind, flags and subtree size of every node in preorder, and the
// tokens of every leaf (both tokens of `-5`).
std::vector<std::string> tree_signature(const Tree& tree) {
  std::vector<std::string> signature;
  signature.reserve(tree.size());
  for (std::uint32_t i = 0; i < tree.size(); ++i) {
    const NodeId id{i};
    const Node& node = tree.node(id);
    std::string entry(node_kind_name(tree.kind(id)));
    entry += " flags=" + std::to_string(node.flags());
    entry += " size=" + std::to_string(tree.subtree_size(id));
    const NodeKind kind = tree.kind(id);
    if (kind == NodeKind::Name || kind == NodeKind::StringLiteral ||
        kind == NodeKind::NumberLiteral || kind == NodeKind::Wildcard) {
      entry += " text=";
      for (std::uint32_t t = tree.first_token(id).index; t <= tree.last_token(id).index; ++t) {
        entry += tree.tokens().text(TokenIndex{t});
      }
    }
    signature.push_back(std::move(entry));
  }
  return signature;
}

// A comment as the formatter promises to keep it: same kind, same text except that line breaks
// are "\n" and lines lose trailing whitespace.
std::string normalized_comment(const TokenizedBuffer& tokens, const Comment& comment) {
  std::string_view text = tokens.text(comment);
  std::string result = comment.kind == CommentKind::Block ? "block:" : "line:";
  std::string line;
  for (const char c : text) {
    if (c == '\n') {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.pop_back();
      result += line + "\n";
      line.clear();
    } else {
      line += c;
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.pop_back();
  }
  return result + line;
}

std::vector<std::string> comment_signature(const TokenizedBuffer& tokens) {
  std::vector<std::string> result;
  for (const Comment& comment : tokens.comments()) {
    result.push_back(normalized_comment(tokens, comment));
  }
  return result;
}

std::string to_crlf(std::string_view text) {
  std::string result;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) result += '\r';
    result += text[i];
  }
  return result;
}

class FormatCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(FormatCorpus, IsIdempotentKeepsMeaningAndComments) {
  const std::string path = GetParam();
  const std::string text = read_file(std::filesystem::path(BPC_SOURCE_DIR) / path);
  Parsed original{text};
  if (original.diagnostics.has_errors() && !path.starts_with("tests/corpus/valid/")) {
    GTEST_SKIP() << "not a valid blueprint (an example of errors)";
  }
  ASSERT_FALSE(original.diagnostics.has_errors()) << original.errors();
  const std::string formatted = format_tree(*original.file.tree);

  // (b) the output parses cleanly to the same tree.
  Parsed reparsed{formatted};
  ASSERT_TRUE(reparsed.diagnostics.diagnostics().empty())
      << "the formatted text has diagnostics:\n"
      << reparsed.errors() << "---\n"
      << formatted;
  EXPECT_EQ(tree_signature(*original.file.tree), tree_signature(*reparsed.file.tree))
      << formatted;

  // (c) every comment, in order.
  EXPECT_EQ(comment_signature(*original.file.tokens), comment_signature(*reparsed.file.tokens))
      << formatted;

  // (a) idempotence.
  EXPECT_EQ(format_tree(*reparsed.file.tree), formatted);

  // (d) no trailing whitespace; one final newline.
  if (!formatted.empty()) {
    EXPECT_EQ(formatted.back(), '\n');
    EXPECT_FALSE(formatted.size() >= 2 && formatted[formatted.size() - 2] == '\n')
        << "blank line at the end";
  }
  EXPECT_EQ(formatted.find(" \n"), std::string::npos) << formatted;
  EXPECT_EQ(formatted.find("\t\n"), std::string::npos) << formatted;
  EXPECT_EQ(formatted.find('\r'), std::string::npos) << formatted;
  EXPECT_FALSE(formatted.starts_with("\n"));
  EXPECT_EQ(formatted.find("\n\n\n"), std::string::npos) << formatted;

  // (e) CRLF line endings change nothing.
  Parsed crlf{to_crlf(text)};
  ASSERT_FALSE(crlf.diagnostics.has_errors()) << crlf.errors();
  EXPECT_EQ(format_tree(*crlf.file.tree), formatted);
}

// Rewrites a parsed file with random layout: the same tokens and comments in the same order,
// separated by random whitespace, with random new comments of every kind between any two
// tokens. The result means the same as the original.
std::string relayout(const TokenizedBuffer& tokens, std::mt19937& random, int& comment_number) {
  std::string out;
  const auto& comments = tokens.comments();
  std::size_t next_comment = 0;
  bool need_newline = false;  // after a line or doc comment
  const auto separator = [&] {
    static const char* const kSpaces[] = {" ", "  ", "\n", "\n\n", "\n\n\n", "\t", " \n  "};
    std::string s = kSpaces[random() % 7];
    if (need_newline && s.find('\n') == std::string::npos) s += "\n";
    need_newline = false;
    out += s;
  };
  const auto random_comment = [&] {
    const std::string n = std::to_string(comment_number++);
    switch (random() % 5) {
      case 0: out += "/* c" + n + " */"; break;
      case 1: out += "/* m" + n + "\n   continued */"; break;
      case 2: out += "// l" + n; need_newline = true; break;
      case 3: out += "/// d" + n; need_newline = true; break;
      default: out += "//// r" + n; need_newline = true; break;
    }
  };
  for (std::uint32_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens.token(TokenIndex{t});
    while (next_comment < comments.size() && comments[next_comment].offset < token.offset) {
      separator();
      const Comment& comment = comments[next_comment++];
      out += tokens.text(comment);
      need_newline = comment.kind != CommentKind::Block;
    }
    if (random() % 3 == 0) {
      separator();
      random_comment();
    }
    if (token.kind() == TokenKind::EndOfFile) break;
    separator();
    out += tokens.text(TokenIndex{t});
  }
  if (need_newline || random() % 2) out += "\n";
  return out;
}

TEST_P(FormatCorpus, RandomLayoutAndCommentsKeepTheProperties) {
  const std::string path = GetParam();
  Parsed original{read_file(std::filesystem::path(BPC_SOURCE_DIR) / path)};
  if (original.diagnostics.has_errors()) GTEST_SKIP() << "not a valid blueprint";
  std::mt19937 random(static_cast<unsigned>(std::hash<std::string>{}(path)));
  int comment_number = 0;
  for (int round = 0; round < 20; ++round) {
    const std::string text = relayout(*original.file.tokens, random, comment_number);
    Parsed variant{text};
    ASSERT_FALSE(variant.diagnostics.has_errors()) << variant.errors() << text;
    ASSERT_EQ(tree_signature(*original.file.tree), tree_signature(*variant.file.tree)) << text;
    const std::string formatted = format_tree(*variant.file.tree);
    Parsed reparsed{formatted};
    ASSERT_TRUE(reparsed.diagnostics.diagnostics().empty())
        << reparsed.errors() << "--- input:\n" << text << "--- formatted:\n" << formatted;
    EXPECT_EQ(tree_signature(*original.file.tree), tree_signature(*reparsed.file.tree))
        << "--- input:\n" << text << "--- formatted:\n" << formatted;
    EXPECT_EQ(comment_signature(*variant.file.tokens), comment_signature(*reparsed.file.tokens))
        << "--- input:\n" << text << "--- formatted:\n" << formatted;
    const std::string twice = format_tree(*reparsed.file.tree);
    EXPECT_EQ(twice, formatted) << "--- input:\n" << text;
    EXPECT_EQ(formatted.find(" \n"), std::string::npos) << formatted;
    EXPECT_EQ(formatted.find("\n\n\n"), std::string::npos) << formatted;
    if (HasFailure()) break;
  }
}

TEST(FormatCorpusFiles, CorpusAndExamplesAreFound) {
  const std::vector<std::string> files = corpus_files();
  EXPECT_TRUE(std::any_of(files.begin(), files.end(),
                          [](const std::string& f) { return f == "examples/clinic.bpl"; }));
}

TEST(FormatCorpusFiles, ClinicExampleIsAlreadyFormatted) {
  const std::string text = read_file(std::filesystem::path(BPC_SOURCE_DIR) / "examples/clinic.bpl");
  EXPECT_EQ(format(text), text);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (const char c : info.param) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, FormatCorpus, ::testing::ValuesIn(corpus_files()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FormatCorpus);

// ---- scale --------------------------------------------------------------------------------------

TEST(FormatScale, LargeFileFormatsQuicklyAndIdempotently) {
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    const std::string n = std::to_string(i);
    text += "/// Entity " + n + ".\nentity E" + n +
            " { id: uuid @id @generated, name: string @minLength(1) // trailing\n"
            "  tags: list<string> = [\"a\", \"b\"] }\n"
            "enum S" + n + " { a, b, c }\n";
  }
  const std::string once = format(text);
  EXPECT_EQ(format(once), once);
}

}  // namespace
}  // namespace bpc
