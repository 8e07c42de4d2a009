// The code printer (backends/support/printer.h): substitution, `$$`, block templates, indentation
// of nested and multi-line values, scopes, callbacks, and the errors.

#include "backends/support/printer.h"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>

namespace bpc::backends {
namespace {

// Templates are compile-time strings only: a runtime string cannot become one.
static_assert(std::is_constructible_v<Printer::Template, const char (&)[4]>);
static_assert(!std::is_constructible_v<Printer::Template, std::string>);
static_assert(!std::is_constructible_v<Printer::Template, std::string_view>);
static_assert(!std::is_constructible_v<Printer::Template, const char*>);
static_assert(!std::is_convertible_v<std::string, Printer::Template>);

// The syntax check the consteval constructor runs, usable at compile time.
static_assert(!check_template("a $b$ c $$ d", '$'));
static_assert(check_template("price: $5", '$')->kind == TemplateProblem::Kind::UnclosedDelimiter);
static_assert(check_template("price: $5", '$')->offset == 7);
static_assert(check_template("$a b$", '$')->kind == TemplateProblem::Kind::InvalidVariableName);
static_assert(check_template("$1x$", '$')->kind == TemplateProblem::Kind::InvalidVariableName);
static_assert(check_template("$a\nb$", '$')->kind == TemplateProblem::Kind::InvalidVariableName);
static_assert(!check_template("@x@ and $ alone", '@'));
static_assert(check_template("x@", '@')->kind == TemplateProblem::Kind::UnclosedDelimiter);

TEST(Printer, SubstitutesVariables) {
  Printer p;
  p.print("const $name$ = $value$;\n", {{"name", "answer"}, {"value", 42}});
  EXPECT_EQ(p.output(), "const answer = 42;\n");
}

TEST(Printer, VariableValueKinds) {
  Printer p;
  const std::string owned = "owned";
  const std::string_view view = "view";
  const std::size_t size = 7;
  p.print("$a$ $b$ $c$ $d$ $e$ $f$\n",
          {{"a", owned}, {"b", view}, {"c", "literal"}, {"d", std::string("temporary")}, {"e", size}, {"f", -3}});
  EXPECT_EQ(p.output(), "owned view literal temporary 7 -3\n");
}

TEST(Printer, DoubleDelimiterPrintsOne) {
  Printer p;
  p.print("const s = `$${a} costs $$$price$`;\n", {{"price", "5"}});
  EXPECT_EQ(p.output(), "const s = `${a} costs $5`;\n");
}

TEST(Printer, OtherDelimiter) {
  BasicPrinter<'@'> p;
  p.print("$x = @value@; // @@ and $$\n", {{"value", "1"}});
  EXPECT_EQ(p.output(), "$x = 1; // @ and $$\n");
}

TEST(Printer, ValuesAreVerbatimNeverTemplates) {
  Printer p;
  p.print("s = $v$;\n", {{"v", "'$name$ ${x} $$ $'"}});
  EXPECT_EQ(p.output(), "s = '$name$ ${x} $$ $';\n");
}

TEST(Printer, BlockTemplateIsDedented) {
  Printer p;
  p.print(R"(
      export interface $name$ {
        id: string;

        tags: string[];
      }
  )",
          {{"name", "Patient"}});
  EXPECT_EQ(p.output(), "export interface Patient {\n  id: string;\n\n  tags: string[];\n}\n");
}

TEST(Printer, BlockTemplateWithoutTrailingNewline) {
  Printer p;
  p.print(R"(
    a
      b)");
  EXPECT_EQ(p.output(), "a\n  b");
}

TEST(Printer, NewlineOnlyTemplateIsNotABlock) {
  Printer p;
  p.print("a\n");
  p.print("\n");
  p.print("b\n");
  EXPECT_EQ(p.output(), "a\n\nb\n");
}

TEST(Printer, IndentAndOutdent) {
  Printer p;
  p.print("class A {\n");
  p.indent();
  p.print("f() {\n");
  p.indent();
  p.print("return 1;\n");
  p.outdent();
  p.print("}\n");
  p.outdent();
  p.print("}\n");
  EXPECT_EQ(p.output(), "class A {\n  f() {\n    return 1;\n  }\n}\n");
}

TEST(Printer, IndentScope) {
  Printer p;
  p.print("{\n");
  {
    IndentScope scope(p);
    p.print("x;\n");
    {
      IndentScope inner(p);
      p.print("y;\n");
    }
  }
  p.print("}\n");
  EXPECT_EQ(p.output(), "{\n  x;\n    y;\n}\n");
}

TEST(Printer, IndentUnitIsAnOption) {
  Printer p(Printer::Options{.indent_unit = "    "});
  IndentScope scope(p);
  p.print("def f():\n");
  IndentScope body(p);
  p.print("pass\n");
  EXPECT_EQ(p.output(), "    def f():\n        pass\n");
}

TEST(Printer, BlankLinesCarryNoIndentation) {
  Printer p;
  IndentScope scope(p);
  p.print("a\n\n   \nb\n");
  EXPECT_EQ(p.output(), "  a\n\n\n  b\n");
}

TEST(Printer, NoTrailingWhitespace) {
  Printer p;
  p.print("a $x$ \nb\t\n", {{"x", ""}});
  EXPECT_EQ(p.output(), "a\nb\n");
}

TEST(Printer, TrailingSpacesWaitForMoreText) {
  Printer p;
  p.print("a ");
  EXPECT_EQ(p.output(), "a");
  p.print("b\n");
  EXPECT_EQ(p.output(), "a b\n");
}

TEST(Printer, MultiLineValueIndentedToPlaceholderColumn) {
  Printer p;
  IndentScope scope(p);
  p.print("const x = $value$;\n", {{"value", "f(a,\nb,\n\nc)"}});
  EXPECT_EQ(p.output(),
            "  const x = f(a,\n"
            "            b,\n"
            "\n"
            "            c);\n");
}

TEST(Printer, ColumnCountsCodePointsAndKeepsTabs) {
  Printer p;
  p.print("\tسلام = $v$\n", {{"v", "1\n2"}});
  EXPECT_EQ(p.output(), "\tسلام = 1\n\t       2\n");
}

TEST(Printer, StandaloneMultiLineValueIsABlock) {
  Printer p;
  p.print(R"(
    class A {
      $doc$
      $members$
    }
  )",
          {{"doc", "/**\n * Doc.\n */"}, {"members", "a = 1;\nb = 2;\n"}});
  EXPECT_EQ(p.output(),
            "class A {\n"
            "  /**\n"
            "   * Doc.\n"
            "   */\n"
            "  a = 1;\n"
            "  b = 2;\n"
            "}\n");
}

TEST(Printer, EmptyStandaloneValueRemovesItsLine) {
  Printer p;
  p.print(R"(
    a
      $doc$
    b
  )",
          {{"doc", ""}});
  EXPECT_EQ(p.output(), "a\nb\n");
}

TEST(Printer, CallbackPrintsAtPlaceholderIndentation) {
  Printer p;
  p.print(R"(
    class $name$ {
      $members$
    }
  )",
          {{"name", "A"}, {"members", [&] {
             p.print("x: number;\n");
             p.print("f() {\n");
             {
               IndentScope body(p);
               p.print("return $name$;\n");  // sees the enclosing call's variables
             }
             p.print("}\n");
           }}});
  EXPECT_EQ(p.output(),
            "class A {\n"
            "  x: number;\n"
            "  f() {\n"
            "    return A;\n"
            "  }\n"
            "}\n");
}

TEST(Printer, NestedCallbacks) {
  Printer p;
  const auto inner = [&] { p.print("leaf();\n"); };
  p.print("a {\n  $b$\n}\n", {{"b", [&] { p.print("b {\n  $c$\n}\n", {{"c", inner}}); }}});
  EXPECT_EQ(p.output(), "a {\n  b {\n    leaf();\n  }\n}\n");
}

TEST(Printer, EmptyCallbackRemovesItsLine) {
  Printer p;
  p.print("a\n  $nothing$\nb\n", {{"nothing", [] {}}});
  EXPECT_EQ(p.output(), "a\nb\n");
}

TEST(Printer, CallbackWithoutFinalNewlineGetsTheTemplates) {
  Printer p;
  p.print("a\n  $x$\nb\n", {{"x", [&] { p.print("one\ntwo"); }}});
  EXPECT_EQ(p.output(), "a\n  one\n  two\nb\n");
}

TEST(Printer, InlineCallback) {
  Printer p;
  p.print("f($args$);\n", {{"args", [&] { p.print("a,\nb"); }}});
  EXPECT_EQ(p.output(), "f(a,\n  b);\n");
}

TEST(Printer, VariableScopes) {
  Printer p;
  VariableScope outer(p, {{"type", "Patient"}, {"id", "id"}});
  p.print("$type$.$id$\n");
  {
    VariableScope inner(p, {{"type", "Doctor"}});
    p.print("$type$.$id$\n");
    p.print("$type$\n", {{"type", "Call"}});
  }
  p.print("$type$\n");
  EXPECT_EQ(p.output(), "Patient.id\nDoctor.id\nCall\nPatient\n");
}

TEST(Printer, ScopeInsideCallbackShadowsCallVariables) {
  Printer p;
  p.print("$x$ $body$\n", {{"x", "outer"}, {"body", [&] {
                             VariableScope scope(p, {{"x", "inner"}});
                             p.print("$x$");
                           }}});
  EXPECT_EQ(p.output(), "outer inner\n");
}

TEST(Printer, TakeOutputResets) {
  Printer p;
  p.print("a\nb");
  EXPECT_EQ(p.take_output(), "a\nb");
  EXPECT_TRUE(p.at_line_start());
  p.print("c\n");
  EXPECT_EQ(p.output(), "c\n");
}

TEST(PrinterErrors, UnknownVariable) {
  Printer p;
  EXPECT_THROW(p.print("$missing$\n"), PrinterError);
  EXPECT_THROW(p.print("x = $missing$;\n"), PrinterError);
  try {
    p.print("x = $missing$;\n");
  } catch (const PrinterError& error) {
    EXPECT_NE(std::string(error.what()).find("unknown variable `missing`"), std::string::npos);
  }
}

TEST(PrinterErrors, UnusedVariable) {
  Printer p;
  try {
    p.print("x\n", {{"used_nowhere", "1"}, {"also", 2}});
    FAIL() << "expected PrinterError";
  } catch (const PrinterError& error) {
    EXPECT_NE(std::string(error.what()).find("unused variable `used_nowhere`, `also`"), std::string::npos)
        << error.what();
  }
}

TEST(PrinterErrors, UnusedVariableAllowedWhenNotChecking) {
  Printer p(Printer::Options{.check_unused = false});
  p.print("x\n", {{"extra", "1"}});
  EXPECT_EQ(p.output(), "x\n");
}

TEST(PrinterErrors, VariableUsedOnlyByNestedPrintCounts) {
  Printer p;
  p.print("$body$\n", {{"name", "n"}, {"body", [&] { p.print("$name$"); }}});
  EXPECT_EQ(p.output(), "n\n");
}

TEST(PrinterErrors, DuplicateVariable) {
  Printer p;
  EXPECT_THROW(p.print("$a$\n", {{"a", "1"}, {"a", "2"}}), PrinterError);
}

TEST(PrinterErrors, OutdentBelowZero) {
  Printer p;
  EXPECT_THROW(p.outdent(), PrinterError);
}

TEST(PrinterErrors, CallbackCannotOutdentPastItsColumn) {
  Printer p;
  EXPECT_THROW(p.print("  $x$\n", {{"x", [&] { p.outdent(); }}}), PrinterError);
  // The printer is usable afterwards, with its indentation restored.
  p.take_output();
  p.print("a\n");
  EXPECT_EQ(p.output(), "a\n");
}

TEST(PrinterErrors, ErrorsLeaveNoStaleScopes) {
  Printer p;
  EXPECT_THROW(p.print("$x$ $y$\n", {{"x", "1"}}), PrinterError);
  p.take_output();
  EXPECT_THROW(p.print("$x$\n"), PrinterError);  // x was the failed call's, not a scope's
}

TEST(PrinterErrors, UnbalancedIndentScopeRestores) {
  Printer p;
  {
    IndentScope scope(p);
    p.indent();
  }
  p.print("a\n");
  EXPECT_EQ(p.output(), "a\n");
}

}  // namespace
}  // namespace bpc::backends
