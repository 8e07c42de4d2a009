#pragma once

// The code printer every backend writes its files with, after protobuf's io::Printer
// (src/google/protobuf/io/printer.h).
//
//   Printer p;
//   p.print(R"(
//     export interface $name$ {
//       $fields$
//     }
//   )", {{"name", namer.get("types", entity.name)},
//        {"fields", [&] { for (const Field& f : fields) print_field(p, f); }}});
//
// TEMPLATES ARE BACKEND CODE, VALUES ARE BLUEPRINT TEXT. A template is a string literal written in
// the backend; it is the only text the printer interprets. Everything that comes from a blueprint
// (identifiers, string literals, doc comments) enters as a *value*, already converted by the
// naming and escaping helpers (naming.h), and is copied verbatim: a value is never scanned for
// placeholders, so a blueprint string containing `$x$` or `${` prints as itself. The rule is
// enforced by the type system: `print` takes a BasicTemplate, whose only constructor is
// `consteval` and takes a `const char (&)[N]`. A string literal (or a static constexpr char array)
// converts; a std::string, a std::string_view or a `const char*` does not compile, and neither
// does an array whose contents are not known at compile time. Being consteval, the constructor also
// checks the template's placeholder syntax, so an unclosed delimiter or a malformed variable name
// is a compile error (the error names `unclosed_delimiter_in_printer_template` or
// `invalid_variable_name_in_printer_template`). We chose this over a runtime `std::string_view`
// parameter because "never pass user text as a template" is then impossible to get wrong, not a
// convention.
//
// SYNTAX. With the delimiter `$` (BasicPrinter<'$'>, the Printer every backend uses: `$` is rare
// in TypeScript, Python and C++ code):
//   - `$name$` is replaced by the variable `name` (`[A-Za-z_][A-Za-z0-9_]*`);
//   - `$$` prints one `$`. A TypeScript template literal `${x}` is written `$${x}` in a template,
//     and a jQuery-style identifier `$el` is `$$el`;
//   - any other use of the delimiter is a compile error.
// A printer for a language where `$` is common can use another delimiter: BasicPrinter<'@'>, whose
// templates are BasicTemplate<'@'> and write a literal `@` as `@@`.
//
// BLOCK TEMPLATES. A template that starts with a newline and has any non-blank text is a block:
// that first newline is dropped, the indentation common to its non-blank lines is removed, and a
// last line holding only whitespace is dropped (the newline before it stays). So a raw string
// literal can be indented like the C++ around it. Any other template is printed as written.
//
// INDENTATION. The printer indents every line it starts by the current indentation (indent(),
// outdent(), IndentScope; one step is Options::indent_unit, two spaces by default), on top of the
// template's own leading whitespace. It never writes whitespace at the end of a line: blank lines
// are empty, and spaces before a newline are dropped (escaped string literals never contain a raw
// newline, so this cannot change a value's meaning). A value that spans lines is indented to the
// column of its placeholder: its second and later lines start with as much whitespace as the
// output line had before the placeholder (tabs kept as tabs, every other character as one space).
//
// A placeholder ALONE ON ITS LINE (only whitespace around it) is a block substitution:
//   - if the value is empty, or the callback prints nothing, the whole line disappears, so an
//     optional doc comment or member list leaves no blank line;
//   - otherwise the value or the callback's output is indented by the line's leading whitespace,
//     and if it ends with a newline, the template's newline after the placeholder is not printed
//     again.
//
// VARIABLES are looked up innermost first: the variables of the current `print` call, then those
// of the enclosing calls (a callback's nested `print` sees the variables of the call that invoked
// it) and of the live VariableScopes, in reverse order of creation. A variable's value is text
// (strings, or integers printed in decimal) or a callback `void()` that prints at the placeholder:
// the callback runs with the indentation set to the placeholder's column, so whatever it prints
// is nested correctly.
//
// ERRORS are bugs in the backend, never in the blueprint, and throw PrinterError (the backend
// framework reports it as the backend's failure): a placeholder naming no variable; a variable
// passed to `print` that its template (and the prints nested in its callbacks) never used, when
// Options::check_unused is on (the default); the same variable twice in one call; outdent() below
// the indentation the current callback started with. Template syntax errors never reach run time.
//
// Not thread-safe; one printer writes one file. Output is plain bytes, deterministic.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bpc::backends {

class PrinterError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// A problem in a template's placeholder syntax.
struct TemplateProblem {
  enum class Kind : std::uint8_t { UnclosedDelimiter, InvalidVariableName };
  Kind kind;
  std::size_t offset;  // of the delimiter that opens the bad placeholder
};

namespace printer_detail {

constexpr bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// Deliberately not constexpr: calling them from the consteval constructor makes the compiler
// reject the template and print the function's name.
void unclosed_delimiter_in_printer_template();
void invalid_variable_name_in_printer_template();
void nul_character_in_printer_template();

}  // namespace printer_detail

// The first syntax problem in `text` for `delimiter`, or nullopt. Usable at compile time.
constexpr std::optional<TemplateProblem> check_template(std::string_view text, char delimiter) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != delimiter) {
      ++i;
      continue;
    }
    const std::size_t open = i;
    const std::size_t close = text.find(delimiter, open + 1);
    if (close == std::string_view::npos) {
      return TemplateProblem{TemplateProblem::Kind::UnclosedDelimiter, open};
    }
    if (close > open + 1) {
      const std::string_view name = text.substr(open + 1, close - open - 1);
      bool valid = printer_detail::is_name_start(name[0]);
      for (char c : name) valid = valid && printer_detail::is_name_char(c);
      if (!valid) return TemplateProblem{TemplateProblem::Kind::InvalidVariableName, open};
    }
    i = close + 1;
  }
  return std::nullopt;
}

// A printer template: a compile-time string whose placeholder syntax has been checked.
template <char Delimiter>
class BasicTemplate {
 public:
  template <std::size_t N>
  consteval BasicTemplate(const char (&text)[N]) : text_(text, N - 1) {  // NOLINT: implicit
    if (text[N - 1] != '\0' || text_.find('\0') != std::string_view::npos) {
      printer_detail::nul_character_in_printer_template();
    }
    if (const auto problem = check_template(text_, Delimiter)) {
      if (problem->kind == TemplateProblem::Kind::UnclosedDelimiter) {
        printer_detail::unclosed_delimiter_in_printer_template();
      } else {
        printer_detail::invalid_variable_name_in_printer_template();
      }
    }
  }

  constexpr std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

// One variable: a name and either text or a callback that prints.
class Variable {
 public:
  Variable(std::string_view name, std::string_view text) : name_(name), text_(text) {}
  Variable(std::string_view name, const char* text) : name_(name), text_(text) {}
  Variable(std::string_view name, const std::string& text) : name_(name), text_(text) {}
  Variable(std::string_view name, std::string&& text) : name_(name), text_(std::move(text)) {}
  template <std::integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char>)
  Variable(std::string_view name, T number) : name_(name), text_(std::to_string(number)) {}
  template <typename F>
    requires std::invocable<F&> && std::same_as<std::invoke_result_t<F&>, void> &&
             (!std::convertible_to<F, std::string_view>)
  Variable(std::string_view name, F callback) : name_(name), callback_(std::move(callback)) {}

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  bool is_callback() const { return static_cast<bool>(callback_); }
  const std::function<void()>& callback() const { return callback_; }

 private:
  std::string name_;
  std::string text_;
  std::function<void()> callback_;
};

// The delimiter-independent part of the printer: output, indentation and variables. Backends use
// BasicPrinter (below), whose `print` takes the checked template.
class PrinterCore {
 public:
  struct Options {
    std::string indent_unit = "  ";
    // Throw when a variable passed to `print` is not used by its template.
    bool check_unused = true;
  };

  PrinterCore(char delimiter, Options options);
  PrinterCore(const PrinterCore&) = delete;
  PrinterCore& operator=(const PrinterCore&) = delete;

  void indent();
  void outdent();

  // The text printed so far (whitespace pending at the end of the last line is not included).
  const std::string& output() const { return out_; }
  std::string take_output();

  // Whether the next character printed starts a new line.
  bool at_line_start() const { return at_line_start_; }

 protected:
  void print_template(std::string_view text, std::initializer_list<Variable> variables);

 private:
  friend class VariableScope;
  friend class IndentScope;
  // Puts back the indentation (and its floor) saved when a substituted block started.
  struct IndentRestore {
    PrinterCore& printer;
    std::string indent;
    std::size_t floor;
    ~IndentRestore() {
      printer.indent_ = std::move(indent);
      printer.indent_floor_ = floor;
    }
  };
  struct Frame {
    const Variable* variables;
    std::size_t size;
    std::vector<bool> used;  // only for call frames
    bool is_call;
  };

  const Variable* find(std::string_view name);
  void print_line(std::string_view line, bool has_newline, std::string_view whole_template);
  bool print_standalone(std::string_view line, bool has_newline, std::string_view whole_template);
  void substitute(const Variable& variable);
  void write(std::string_view text);
  std::string column_prefix() const;

  char delimiter_;
  Options options_;
  std::string out_;
  std::string indent_;
  std::size_t indent_floor_ = 0;  // outdent() may not go below this (a callback's start column)
  std::string pending_space_;     // spaces and tabs not yet written: dropped at a line's end
  std::size_t line_start_ = 0;    // offset in out_ of the current line
  bool at_line_start_ = true;
  std::vector<Frame> frames_;     // innermost last
};

template <char Delimiter = '$'>
class BasicPrinter : public PrinterCore {
 public:
  using Template = BasicTemplate<Delimiter>;
  BasicPrinter() : PrinterCore(Delimiter, Options{}) {}
  explicit BasicPrinter(Options options) : PrinterCore(Delimiter, std::move(options)) {}

  void print(Template text, std::initializer_list<Variable> variables = {}) {
    print_template(text.text(), variables);
  }
};

using Printer = BasicPrinter<'$'>;

// Indents everything printed during its lifetime by one step.
class IndentScope {
 public:
  explicit IndentScope(PrinterCore& printer) : printer_(printer), saved_(printer.indent_.size()) {
    printer_.indent();
  }
  // Restores the indentation it started with (never throws, even after an unbalanced outdent).
  ~IndentScope() {
    if (printer_.indent_.size() > saved_) printer_.indent_.resize(saved_);
  }
  IndentScope(const IndentScope&) = delete;
  IndentScope& operator=(const IndentScope&) = delete;

 private:
  PrinterCore& printer_;
  std::size_t saved_;
};

// Makes variables visible to every print during its lifetime (innermost scope wins; the
// variables of a print call win over every scope). Scopes must be destroyed in reverse order of
// creation, which RAII gives for free. Unused scope variables are not an error.
class VariableScope {
 public:
  VariableScope(PrinterCore& printer, std::initializer_list<Variable> variables);
  ~VariableScope();
  VariableScope(const VariableScope&) = delete;
  VariableScope& operator=(const VariableScope&) = delete;

 private:
  PrinterCore& printer_;
  std::vector<Variable> variables_;
  std::size_t depth_;
};

}  // namespace bpc::backends
