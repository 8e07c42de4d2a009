#include "frontend/parse/parser.h"

#include <algorithm>
#include <array>
#include <string>

#include "base/suggest.h"
#include "frontend/limits.h"

namespace bpc {

namespace {

using K = TokenKind;

constexpr std::array<std::string_view, 15> kDeclarationKeywords = {
    "blueprint", "import", "type",     "enum", "struct", "entity", "event", "role",
    "policy",    "workflow", "api",    "intent", "target", "mixin", "handler"};

bool is_declaration_keyword(TokenKind kind) {
  switch (kind) {
    case K::KeywordBlueprint: case K::KeywordImport: case K::KeywordType: case K::KeywordEnum:
    case K::KeywordStruct: case K::KeywordEntity: case K::KeywordEvent: case K::KeywordRole:
    case K::KeywordPolicy: case K::KeywordWorkflow: case K::KeywordApi: case K::KeywordIntent:
    case K::KeywordTarget: case K::KeywordMixin: case K::KeywordHandler:
      return true;
    default:
      return false;
  }
}

bool is_number(TokenKind kind) {
  return kind == K::Integer || kind == K::Float || kind == K::MalformedNumber;
}

// Text for a message, formatted only when an error is reported, so parsing a correct file never
// formats a string. `pattern` takes up to two `{}`; without arguments it is used verbatim.
struct Lazy {
  Lazy(const char* text) : pattern(text) {}  // NOLINT: literals convert implicitly
  Lazy(std::string_view text) : pattern(text) {}  // NOLINT
  Lazy(std::string_view format, std::string_view a, std::string_view b = {})
      : pattern(format), first(a), second(b) {}
  std::string str() const {
    if (first.empty() && second.empty()) return std::string(pattern);
    return fmt::format(fmt::runtime(pattern), first, second);
  }
  std::string_view pattern;
  std::string_view first;
  std::string_view second;
};

// The declaration a block belongs to, for messages: `entity `Patient``, or `policy`.
struct Owner {
  std::string_view keyword;
  std::string_view name;
  Lazy described() const { return name.empty() ? Lazy(keyword) : Lazy("{} `{}`", keyword, name); }
  Lazy after() const {
    return name.empty() ? Lazy("after `{}`", keyword) : Lazy("after {} `{}`", keyword, name);
  }
};

// How a block's members are separated: by optional commas (fields, enum values) or by nothing.
enum class Separators { OptionalCommas, None };

class Parser {
 public:
  Parser(const TokenizedBuffer& tokens, DiagnosticEngine& diagnostics, const ParseOptions& options)
      : tokens_(tokens),
        diagnostics_(diagnostics),
        tree_(tokens),
        max_nesting_(std::clamp(options.max_nesting, 1, kMaxNestingDepth)),
        interrupt_(options.interrupt) {}

  Tree run() {
    // About 1.3 nodes per token in typical blueprints; reserving close to that avoids the
    // copy (and doubled peak memory) of a vector that grows past its capacity.
    tree_.reserve(tokens_.size() + tokens_.size() / 3 + 8);
    const NodeId file = tree_.open(NodeKind::File, TokenIndex{0});
    while (kind() != K::EndOfFile) {
      if (interrupt_ != nullptr) interrupt_->poll();
      parse_top_level_item();
    }
    tree_.close(file, last_token_index());
    diagnostics_.absorb(std::move(local_));
    tree_.trim();
    return std::move(tree_);
  }

 private:
  // ---- token access ------------------------------------------------------------------------
  TokenIndex index() const { return TokenIndex{position_}; }
  TokenKind kind() const { return tokens_.tokens()[position_].kind(); }
  TokenKind peek_kind(std::uint32_t ahead = 1) const {
    const std::uint32_t at = position_ + ahead;
    return at < tokens_.size() ? tokens_.tokens()[at].kind() : K::EndOfFile;
  }
  std::string_view text() const { return tokens_.text(index()); }
  bool at_name() const { return is_name(kind()); }
  TokenIndex last_token_index() const { return TokenIndex{tokens_.size() - 1}; }
  // The token before the current one (the last consumed), or the current one at the start.
  TokenIndex previous() const { return TokenIndex{position_ == 0 ? 0 : position_ - 1}; }
  void advance() {
    if (kind() != K::EndOfFile) ++position_;
  }
  SourceSpan span_of(TokenIndex token) const {
    const Token& t = tokens_.token(token);
    return SourceSpan{tokens_.file(), t.offset, t.end()};
  }
  SourceSpan current_span() const { return span_of(index()); }
  TokenKind kind_of(TokenIndex token) const { return tokens_.token(token).kind(); }
  // The source text from the start of token `first` to the end of the last token consumed.
  std::string_view text_since(std::uint32_t first) const {
    const std::uint32_t begin = tokens_.token(TokenIndex{first}).offset;
    return tokens_.source().substr(begin, tokens_.token(previous()).end() - begin);
  }
  SourceSpan after_previous() const {
    const std::uint32_t end = position_ == 0 ? 0 : tokens_.token(previous()).end();
    return SourceSpan{tokens_.file(), end, end};
  }

  // How the current token is named in messages: "`foo`", "`{`", "string \"x\"", "end of file".
  std::string found() const {
    const TokenKind k = kind();
    if (k == K::EndOfFile) return "end of file";
    if (k == K::String || is_number(k)) {
      std::string_view t = text();
      if (t.size() > 40) return std::string(describe(k));
      return fmt::format("{} `{}`", describe(k), t);
    }
    if (is_name(k)) {
      std::string_view t = text();
      if (t.size() > 40) return "a name";
      return fmt::format("`{}`", t);
    }
    return std::string(describe(k));
  }

  // ---- nodes -------------------------------------------------------------------------------
  NodeId open(NodeKind node_kind) { return tree_.open(node_kind, index()); }
  void close(NodeId id) {
    // A node that consumed nothing ends where it starts.
    const TokenIndex first = tree_.node(id).first_token;
    const TokenIndex last = previous();
    if (!tree_.close(id, last.index < first.index ? first : last)) {
      fail(id);
      report<DiagnosticKind::DeclarationTooLarge>(span_of(first), kMaxSubtreeSize);
    }
  }
  void fail(NodeId id) {
    tree_.set_flag(id, kNodeHasError);
    tree_.mark_has_errors();
  }
  void leaf(NodeKind node_kind) {
    const NodeId id = open(node_kind);
    advance();
    close(id);
  }

  // ---- diagnostics -------------------------------------------------------------------------
  // Reports at most one error per token, and none after the per-file limit.
  template <DiagnosticKind Kind, typename... Args>
  void report(SourceSpan span, const Args&... args) {
    if (!accept_error()) return;
    (void)local_.report<Kind>(span, args...);
  }
  bool accept_error() {
    tree_.mark_has_errors();
    if (gave_up_) return false;
    if (position_ == last_error_position_) return false;
    last_error_position_ = position_;
    if (++error_count_ > kMaxErrorsPerFile) {
      (void)local_.report<DiagnosticKind::TooManyErrors>(current_span(), kMaxErrorsPerFile);
      gave_up_ = true;
      position_ = last_token_index().index;  // skip to the end of file
      return false;
    }
    return true;
  }

  // Consumes a token of kind `expected` or reports "expected X <context>, found Y".
  bool expect(TokenKind expected, const Lazy& context) {
    if (kind() == expected) {
      advance();
      return true;
    }
    report<DiagnosticKind::ExpectedToken>(current_span(), describe(expected), context.str(),
           found());
    return false;
  }

  // Parses a Name leaf or reports "expected <what> <context>, found Y".
  bool expect_name(const Lazy& what, const Lazy& context) {
    if (at_name()) {
      leaf(NodeKind::Name);
      return true;
    }
    report<DiagnosticKind::ExpectedName>(current_span(), what.str(), context.str(), found());
    return false;
  }

  // ---- nesting -----------------------------------------------------------------------------
  // Guards recursion on user-controlled depth (values, type arguments).
  bool enter_nested() {
    if (depth_ >= max_nesting_) {
      report<DiagnosticKind::NestingTooDeep>(current_span(), max_nesting_);
      return false;
    }
    ++depth_;
    return true;
  }
  void leave_nested() { --depth_; }

  // ---- recovery ----------------------------------------------------------------------------
  // Skips one token, or a whole bracketed group when the token opens one.
  void skip_balanced() {
    int depth = 0;
    do {
      switch (kind()) {
        case K::LeftBrace: case K::LeftParen: case K::LeftBracket: ++depth; break;
        case K::RightBrace: case K::RightParen: case K::RightBracket: --depth; break;
        case K::EndOfFile: return;
        default: break;
      }
      advance();
    } while (depth > 0);
  }

  // Inside a block: skips to the first token of a later line at this depth, or to the `}` that
  // closes the block. `member_start` is where the failed member began; at least one token is
  // always consumed when nothing else was, so the block loop always makes progress.
  void recover_in_block(std::uint32_t member_start) {
    if (position_ == member_start) skip_balanced();
    while (kind() != K::EndOfFile && kind() != K::RightBrace) {
      if (tokens_.starts_line(index())) return;
      if (kind() == K::RightParen || kind() == K::RightBracket) {
        advance();  // a closer whose opener was part of the failed member
        continue;
      }
      skip_balanced();
    }
  }

  // At top level: skips to the next declaration keyword that starts a line (or follows a `}`).
  void recover_at_top_level(std::uint32_t declaration_start) {
    if (position_ == declaration_start) skip_balanced();
    while (kind() != K::EndOfFile) {
      if (is_declaration_keyword(kind()) &&
          (tokens_.starts_line(index()) ||
           (position_ > 0 && tokens_.tokens()[position_ - 1].kind() == K::RightBrace))) {
        return;
      }
      if (kind() == K::RightBrace || kind() == K::RightParen || kind() == K::RightBracket) {
        advance();
        continue;
      }
      skip_balanced();
    }
  }

  // True when the token starts a line and reads like the start of a declaration
  // (`entity Name`, `import "x"`, `policy {`): evidence that an enclosing block is unclosed.
  bool looks_like_declaration(std::uint32_t token) const {
    const TokenIndex at{token};
    if (!is_declaration_keyword(tokens_.token(at).kind()) || !tokens_.starts_line(at)) {
      return false;
    }
    const TokenKind next =
        token + 1 < tokens_.size() ? tokens_.tokens()[token + 1].kind() : K::EndOfFile;
    return is_name(next) || next == K::String || next == K::LeftBrace;
  }

  // ---- top level ---------------------------------------------------------------------------
  void parse_top_level_item() {
    const std::uint32_t start = position_;
    if (is_declaration_keyword(kind())) {
      if (!parse_declaration()) recover_at_top_level(start);
      return;
    }
    if (kind() == K::RightBrace) {
      if (accept_error()) {
        (void)local_.report<DiagnosticKind::UnmatchedClosing>(current_span(), "}")
            .fix("remove the `}`", {TextEdit{current_span(), ""}});
      }
      const NodeId invalid = open(NodeKind::Invalid);
      advance();
      close(invalid);
      fail(invalid);
      return;
    }
    report_expected_declaration();
    const NodeId invalid = open(NodeKind::Invalid);
    recover_at_top_level(start);
    close(invalid);
    fail(invalid);
  }

  void report_expected_declaration() {
    if (!accept_error()) return;
    auto builder =
        local_.report<DiagnosticKind::ExpectedDeclaration>(current_span(), found());
    if (kind() == K::Identifier) {
      if (auto match = closest_match(text(), kDeclarationKeywords)) {
        builder.note(fmt::format("did you mean `{}`?", *match))
            .fix(fmt::format("replace with `{}`", *match),
                 {TextEdit{current_span(), std::string(*match)}});
        return;
      }
    }
    builder.note(
        "a declaration starts with `blueprint`, `import`, `type`, `enum`, `struct`, `entity`, "
        "`event`, `role`, `policy`, `workflow`, `api`, `handler`, `intent` or `target`");
  }

  bool parse_declaration() {
    switch (kind()) {
      case K::KeywordBlueprint: return parse_named_property_declaration(NodeKind::BlueprintDecl, "blueprint");
      case K::KeywordTarget: return parse_named_property_declaration(NodeKind::TargetDecl, "target");
      case K::KeywordImport: return parse_import();
      case K::KeywordIntent: return parse_intent();
      case K::KeywordType: return parse_type_alias();
      case K::KeywordEnum: return parse_enum();
      case K::KeywordStruct: return parse_field_declaration(NodeKind::StructDecl, "struct");
      case K::KeywordEntity: return parse_field_declaration(NodeKind::EntityDecl, "entity");
      case K::KeywordMixin: return parse_field_declaration(NodeKind::MixinDecl, "mixin");
      case K::KeywordEvent: return parse_field_declaration(NodeKind::EventDecl, "event");
      case K::KeywordRole: return parse_role();
      case K::KeywordPolicy: return parse_policy();
      case K::KeywordWorkflow: return parse_workflow();
      case K::KeywordApi: return parse_api();
      case K::KeywordHandler: return parse_handler();
      default: return false;
    }
  }

  // Runs `body` for a declaration node, marking the node broken when `body` fails.
  template <typename Body>
  bool declaration(NodeKind node_kind, Body&& body) {
    const NodeId id = open(node_kind);
    advance();  // the keyword
    const bool ok = body();
    close(id);
    if (!ok) fail(id);
    return ok;
  }

  Owner owner_of(std::string_view keyword, std::uint32_t name_token) const {
    const TokenIndex at{name_token};
    return Owner{keyword, is_name(tokens_.token(at).kind()) ? tokens_.text(at) : ""};
  }

  bool parse_named_property_declaration(NodeKind node_kind, std::string_view keyword) {
    return declaration(node_kind, [&] {
      const std::uint32_t name_token = position_;
      if (!expect_name(Lazy("a {} name", keyword), Lazy("after `{}`", keyword))) return false;
      return parse_property_block(owner_of(keyword, name_token));
    });
  }

  bool parse_import() {
    return declaration(NodeKind::ImportDecl, [&] {
      if (kind() != K::String) {
        report<DiagnosticKind::ExpectedToken>(current_span(), "a file path string",
               "after `import`", found());
        return false;
      }
      leaf(NodeKind::StringLiteral);
      return true;
    });
  }

  bool parse_intent() {
    return declaration(NodeKind::IntentDecl, [&] {
      if (!expect_name("an intent kind (`feature`, `page`, `component` or `integration`)",
                       "after `intent`")) {
        return false;
      }
      if (kind() != K::String) {
        report<DiagnosticKind::ExpectedToken>(current_span(), "a title string",
               "after the intent kind", found());
        return false;
      }
      const std::uint32_t title = position_;
      leaf(NodeKind::StringLiteral);
      if (kind() == K::KeywordPriority) {
        const NodeId priority = open(NodeKind::Priority);
        advance();
        const bool ok = expect_name("a priority (`low`, `medium`, `high` or `critical`)",
                                    "after `priority`");
        close(priority);
        if (!ok) return false;
      }
      return parse_property_block(Owner{"intent", tokens_.text(TokenIndex{title})});
    });
  }

  bool parse_type_alias() {
    return declaration(NodeKind::TypeDecl, [&] {
      const std::uint32_t name_token = position_;
      if (!expect_name("a type name", "after `type`")) return false;
      if (!expect(K::Equal, Lazy("after `type {}`", tokens_.text(TokenIndex{name_token})))) {
        return false;
      }
      if (!parse_type("after `=`")) return false;
      if (kind() == K::Equal) report_value_after(DiagnosticKind::AliasDefaultWithEquals, "");
      return parse_decorators();
    });
  }

  // A misplaced `= value` (the current token is the `=`), skipped: the span of both, and where the
  // value starts (`position_` when it is missing).
  struct SkippedValue {
    SourceSpan whole;
    std::uint32_t value_start;
  };
  SkippedValue skip_equals_and_value() {
    const SourceSpan equals = current_span();
    advance();
    const std::uint32_t value_start = position_;
    if (kind() != K::EndOfFile && kind() != K::RightBrace && kind() != K::Comma) skip_balanced();
    const std::uint32_t end = position_ > value_start ? tokens_.token(previous()).end() : equals.end;
    return {SourceSpan{tokens_.file(), equals.begin, end}, value_start};
  }

  // `type X = string = "EUR"` and `enum P { low = 1 }`: what other languages write, reported
  // with what to write instead; the `=` and its value are skipped, so the declaration stands and
  // nothing else is reported about it.
  void report_value_after(DiagnosticKind kind_of_report, std::string_view enum_value) {
    const SkippedValue skipped = skip_equals_and_value();
    const SourceSpan& whole = skipped.whole;
    const bool one_token = position_ == skipped.value_start + 1;
    if (!accept_error()) return;
    if (kind_of_report == DiagnosticKind::AliasDefaultWithEquals) {
      auto builder = local_.report<DiagnosticKind::AliasDefaultWithEquals>(whole);
      builder.note("fields take `name: Type = value`; an alias's default is a decorator: `type Currency = string @default(\"EUR\")`");
      if (one_token) {
        builder.fix("write it as `@default(...)`",
                    {TextEdit{whole, fmt::format("@default({})", tokens_.text(TokenIndex{skipped.value_start}))}});
      }
    } else {
      (void)local_.report<DiagnosticKind::EnumValueWithValue>(whole, enum_value)
          .note(fmt::format("write the values as names, `enum Priority {{ low, high }}`; JSON carries \"{}\", or what "
                            "`@value(\"...\")` after the name says", enum_value))
          .fix("remove the value", {TextEdit{whole, ""}});
    }
  }

  bool parse_enum() {
    return declaration(NodeKind::EnumDecl, [&] {
      const std::uint32_t name_token = position_;
      if (!expect_name("an enum name", "after `enum`")) return false;
      const Owner owner = owner_of("enum", name_token);
      if (!expect(K::LeftBrace, owner.after())) return false;
      return parse_block_members(owner, Separators::OptionalCommas, [&] {
        if (!at_name()) return report_expected_member("an enum value", owner);
        const NodeId value = open(NodeKind::EnumValue);
        const std::string_view value_name = text();
        leaf(NodeKind::Name);
        if (kind() == K::Equal) report_value_after(DiagnosticKind::EnumValueWithValue, value_name);
        const bool ok = parse_decorators();
        close(value);
        if (!ok) fail(value);
        return ok;
      });
    });
  }

  bool parse_field_declaration(NodeKind node_kind, std::string_view keyword) {
    return declaration(node_kind, [&] {
      const std::uint32_t name_token = position_;
      const bool vowel = keyword == "entity" || keyword == "event";
      if (!expect_name(Lazy(vowel ? "an {} name" : "a {} name", keyword),
                       Lazy("after `{}`", keyword))) {
        return false;
      }
      // entity Name with Mixin, Mixin { ... }
      if (node_kind == NodeKind::EntityDecl && kind() == K::KeywordWith &&
          !parse_names_after_keyword(NodeKind::MixinList, "a mixin name", "with")) {
        return false;
      }
      return parse_field_block(owner_of(keyword, name_token), /*keys=*/node_kind == NodeKind::EntityDecl);
    });
  }

  // handlerDecl : HANDLER name ON path (TRIGGERS name ON path)?
  bool parse_handler() {
    return declaration(NodeKind::HandlerDecl, [&] {
      if (!expect_name("a handler name", "after `handler`")) return false;
      if (!expect(K::KeywordOn, "after the handler's name")) return false;
      if (!at_name()) {
        report<DiagnosticKind::ExpectedName>(current_span(), "an event name", "after `on`", found());
        return false;
      }
      if (!parse_path()) return false;
      if (kind() != K::KeywordTriggers) return true;
      const NodeId trigger = open(NodeKind::HandlerTrigger);
      advance();
      bool ok = expect_name("a trigger name", "after `triggers`") && expect(K::KeywordOn, "after the trigger's name");
      if (ok && !at_name()) {
        report<DiagnosticKind::ExpectedName>(current_span(), "the path to a record", "after `on`", found());
        ok = false;
      }
      if (ok) ok = parse_path();
      close(trigger);
      if (!ok) fail(trigger);
      return ok;
    });
  }

  bool parse_role() {
    return declaration(NodeKind::RoleDecl,
                       [&] { return expect_name("a role name", "after `role`"); });
  }

  // ---- blocks ------------------------------------------------------------------------------
  bool report_expected_member(std::string_view what, const Owner& owner) {
    report<DiagnosticKind::ExpectedMember>(current_span(), what, owner.described().str(),
           found());
    return false;
  }

  // Parses members up to and including the `}` of a block whose `{` was just consumed.
  // Returns false when the block was not closed properly (the caller's node is then broken).
  template <typename Member>
  bool parse_block_members(const Owner& owner, Separators separators, Member&& member) {
    const TokenIndex open_brace = previous();
    const std::size_t marks_base = member_marks_.size();
    bool ok = true;
    while (true) {
      if (kind() == K::RightBrace) {
        advance();
        break;
      }
      if (kind() == K::EndOfFile) {
        const bool unwound = unwind_to_declaration(marks_base);
        report_unclosed(open_brace, owner, /*at_end_of_file=*/!unwound);
        ok = false;
        break;
      }
      const std::uint32_t start = position_;
      member_marks_.push_back(MemberMark{start, tree_.size(), local_.diagnostics().size()});
      if (member()) {
        if (separators == Separators::OptionalCommas && kind() == K::Comma) advance();
        continue;
      }
      if (unwind_to_declaration(marks_base)) {
        report_unclosed(open_brace, owner, false);
        ok = false;
        break;
      }
      // What failed continues the line of the member before it (`items: list?<string>`): that
      // member was probably meant to include it, so it is not what was written either.
      if (member_marks_.size() >= marks_base + 2 && !tokens_.starts_line(TokenIndex{start})) {
        const std::uint32_t previous_member = member_marks_[member_marks_.size() - 2].node_count;
        if (previous_member < tree_.size()) fail(NodeId{previous_member});
      }
      recover_in_block(start);
    }
    member_marks_.resize(marks_base);
    return ok;
  }

  void report_unclosed(TokenIndex open_brace, const Owner& owner, bool at_end_of_file) {
    if (!accept_error()) return;
    auto builder =
        local_.report<DiagnosticKind::UnclosedBlock>(span_of(open_brace), owner.described().str());
    if (at_end_of_file) {
      const std::uint32_t end = tokens_.token(last_token_index()).offset;
      builder.label(SourceSpan{tokens_.file(), end, end}, "the file ends here")
          .fix("insert `}` at the end of the file",
               {TextEdit{SourceSpan{tokens_.file(), end, end}, "}\n"}});
    } else {
      builder.label(current_span(), "this declaration starts before the block is closed")
          .fix("insert `}` before this declaration",
               {TextEdit{SourceSpan{tokens_.file(), tokens_.token(index()).offset,
                                    tokens_.token(index()).offset},
                         "}\n"}});
    }
  }

  // When a member of the current block (from `marks_base` on) starts a line that reads like a
  // declaration, the block was never closed: drop what was parsed from that member on, together
  // with its diagnostics, and move back to it. Returns whether it did.
  bool unwind_to_declaration(std::size_t marks_base) {
    for (std::size_t i = member_marks_.size(); i > marks_base; --i) {
      const MemberMark& mark = member_marks_[i - 1];
      if (!looks_like_declaration(mark.token)) continue;
      tree_.truncate(mark.node_count);
      local_.truncate(mark.diagnostic_count);
      position_ = mark.token;
      last_error_position_ = UINT32_MAX;
      return true;
    }
    return false;
  }

  bool parse_property_block(const Owner& owner) {
    const NodeId block = open(NodeKind::PropertyBlock);
    bool ok = expect(K::LeftBrace, owner.after());
    if (ok) {
      ok = parse_block_members(owner, Separators::None, [&] {
        if (!at_name()) return report_expected_member("a property", owner);
        const NodeId property = open(NodeKind::Property);
        const std::string_view property_name = text();
        leaf(NodeKind::Name);
        bool member_ok = parse_value(Lazy("for property `{}`", property_name));
        while (member_ok && kind() == K::Comma) {
          advance();
          member_ok = parse_value(Lazy("after `,` in property `{}`", property_name));
        }
        close(property);
        if (!member_ok) fail(property);
        return member_ok;
      });
    }
    close(block);
    if (!ok) fail(block);
    return ok;
  }

  // `keys`: the block may declare `unique (a, b)` and `index (a, b)` (an entity's).
  bool parse_field_block(const Owner& owner, bool keys = false) {
    const NodeId block = open(NodeKind::FieldBlock);
    bool ok = expect(K::LeftBrace, owner.after());
    if (ok) {
      ok = parse_block_members(owner, Separators::OptionalCommas, [&] {
        if (kind() == K::Colon && previous_field_type_on_next_line_) {
          report_missing_type_before_line_break();
          return false;
        }
        if (!at_name()) return report_expected_member("a field", owner);
        if (peek_kind() == K::LeftParen && (text() == "unique" || text() == "index")) {
          if (keys) return parse_key();
          // `unique (a, b)` in a struct, event or mixin: say where keys go.
          if (accept_error()) {
            (void)local_.report<DiagnosticKind::ExpectedMember>(current_span(), "a field", owner.described().str(), found())
                .note("keys over several fields, `unique (a, b)` and `index (a, b)`, are members of entities");
          }
          return false;
        }
        return parse_field();
      });
    }
    close(block);
    if (!ok) fail(block);
    return ok;
  }

  // key : ('unique' | 'index') '(' name (',' name)* ','? ')'
  bool parse_key() {
    const std::string_view word = text();
    const NodeId key = open(word == "unique" ? NodeKind::UniqueKey : NodeKind::IndexKey);
    advance();  // `unique` or `index`
    advance();  // `(`
    const Lazy context("in `{} (...)`", word);
    bool ok = expect_name("a field name", context);
    while (ok && kind() == K::Comma) {
      advance();
      if (kind() == K::RightParen) break;
      ok = expect_name("a field name", context);
    }
    if (ok) ok = expect(K::RightParen, Lazy("to close `{} (...)`", word));
    close(key);
    if (!ok) fail(key);
    return ok;
  }

  // field : name ':' typeRef ('=' value)? decorator*
  bool parse_field() {
    const NodeId field = open(NodeKind::Field);
    const std::string_view field_name = text();
    previous_field_ = field;
    previous_field_name_ = field_name;
    previous_field_type_on_next_line_ = false;
    leaf(NodeKind::Name);
    bool ok = true;
    if (kind() != K::Colon) {
      ok = false;
      if (accept_error()) {
        auto builder = local_.report<DiagnosticKind::ExpectedToken>(current_span(), "`:`",
            fmt::format("after field name `{}`", field_name), found());
        if (at_name()) {
          builder.fix("insert `:`", {TextEdit{after_previous(), ":"}});
        }
      }
    } else {
      advance();
      previous_field_type_on_next_line_ = tokens_.starts_line(index());
      ok = parse_type(Lazy("for field `{}`", field_name));
    }
    if (ok && kind() == K::Equal) {
      const NodeId default_value = open(NodeKind::DefaultValue);
      advance();
      ok = parse_value(Lazy("after `=` in field `{}`", field_name));
      close(default_value);
    }
    if (ok) {
      const std::uint32_t decorators_start = position_;
      ok = parse_decorators();
      if (ok && kind() == K::Equal && position_ > decorators_start) report_default_after_decorators(decorators_start);
    }
    close(field);
    if (!ok) fail(field);
    return ok;
  }

  // `tags: list<Tag> @maxLength(5) = []`: the default after the decorators. Reported with the
  // fix that moves it before them; the `=` and its value are skipped, so the field stands (without
  // its default) and the rest of the block parses.
  void report_default_after_decorators(std::uint32_t decorators_start) {
    const std::uint32_t decorators_end = tokens_.token(previous()).end();
    const auto [whole, value_start] = skip_equals_and_value();
    if (!accept_error()) return;
    auto builder = local_.report<DiagnosticKind::DefaultAfterDecorators>(whole);
    builder.note("a field is `name: Type = default @decorators`, in that order");
    if (position_ > value_start) {
      const std::uint32_t first_decorator = tokens_.token(TokenIndex{decorators_start}).offset;
      builder.fix("move the default before the decorators",
                  {TextEdit{SourceSpan{tokens_.file(), first_decorator, first_decorator}, fmt::format("= {} ", text_since(value_start))},
                   TextEdit{SourceSpan{tokens_.file(), decorators_end, whole.end}, ""}});
    }
  }

  // `id:` followed on the next line by `name: string` reads `name` as the type of `id`, and the
  // error only shows at the second `:`. Say what happened, at the field that lost its type.
  void report_missing_type_before_line_break() {
    if (previous_field_.index < tree_.size()) fail(previous_field_);  // its type is not what was written
    if (!accept_error()) return;
    const TokenIndex type_token{position_ - 1};
    (void)local_
        .report<DiagnosticKind::ExpectedType>(span_of(type_token),
                fmt::format("for field `{}`", previous_field_name_),
                fmt::format("`{}` on the next line", tokens_.text(type_token)))
        .note(fmt::format("`{}` was read as the type of `{}`, and then its own `:` made no "
                          "sense; a field's type follows its `:`",
                          tokens_.text(type_token), previous_field_name_));
  }

  // ---- types, decorators, values -----------------------------------------------------------
  // typeRef : path typeArguments? '?'?
  bool parse_type(const Lazy& context) {
    if (!at_name()) {
      report<DiagnosticKind::ExpectedType>(current_span(), context.str(), found());
      return false;
    }
    const NodeId type = open(NodeKind::TypeRef);
    const std::uint32_t type_start = position_;
    bool ok = parse_path();
    if (ok && kind() == K::Less) {
      const NodeId arguments = open(NodeKind::TypeArguments);
      advance();
      ok = enter_nested();
      if (ok) {
        ++type_argument_depth_;
        ok = parse_type("in type arguments");
        while (ok && kind() == K::Comma) {
          advance();
          ok = parse_type("after `,` in type arguments");
        }
        --type_argument_depth_;
        leave_nested();
      }
      if (ok) ok = expect(K::Greater, "to close the type arguments");
      close(arguments);
      if (!ok) fail(arguments);
    }
    if (ok && kind() == K::LeftBracket && peek_kind() == K::RightBracket) report_array_suffix(type_start);
    if (ok && kind() == K::LeftParen) report_type_with_arguments(type_start);
    if (ok && kind() == K::Question) {
      advance();
      tree_.set_flag(type, kNodeOptional);
    }
    close(type);
    if (!ok) fail(type);
    return ok;
  }

  // `tags: string[]`, as TypeScript writes a list. Reported with the fix to `list<string>`; the
  // brackets are skipped, so the field stands (with the element's type) and the block parses on.
  void report_array_suffix(std::uint32_t type_start) {
    const std::string_view element = text_since(type_start);
    advance();
    const std::uint32_t end = current_span().end;
    advance();
    if (!accept_error()) return;
    const SourceSpan whole{tokens_.file(), tokens_.token(TokenIndex{type_start}).offset, end};
    (void)local_.report<DiagnosticKind::ArrayTypeSuffix>(whole, element, element)
        .fix(fmt::format("write `list<{}>`", element), {TextEdit{whole, fmt::format("list<{}>", element)}});
  }

  // `price: decimal(10, 2)`, `name: string(80)`, as SQL writes them. A type takes no arguments:
  // its constraints are decorators. Reported with the fix for those two forms where a decorator
  // may stand (not inside `list<...>`, not before `?` or `=`); the parentheses are skipped.
  void report_type_with_arguments(std::uint32_t type_start) {
    const std::string_view type_name = text_since(type_start);
    const std::uint32_t open_paren = position_;
    skip_balanced();
    const SourceSpan parentheses{tokens_.file(), tokens_.token(TokenIndex{open_paren}).offset, tokens_.token(previous()).end()};
    if (!accept_error()) return;
    // The arguments when they are integers separated by commas; else none.
    std::vector<std::string_view> numbers;
    for (std::uint32_t at = open_paren + 1; at + 1 < position_; at += 2) {
      const bool separated = kind_of(TokenIndex{at + 1}) == K::Comma || at + 2 == position_;
      if (kind_of(TokenIndex{at}) != K::Integer || !separated) {
        numbers.clear();
        break;
      }
      numbers.push_back(tokens_.text(TokenIndex{at}));
    }
    report_type_arguments(parentheses, type_name, numbers);
  }

  void report_type_arguments(SourceSpan parentheses, std::string_view type_name, const std::vector<std::string_view>& numbers) {
    auto builder = local_.report<DiagnosticKind::TypeWithArguments>(parentheses, type_name);
    builder.note("constraints are decorators after the type: `decimal @precision(10, 2)`, `string @maxLength(80)`");
    const bool decorator_fits = type_argument_depth_ == 0 && kind() != K::Question && kind() != K::Equal;
    std::string decorator;
    if (type_name == "decimal" && numbers.size() == 2) decorator = fmt::format("@precision({}, {})", numbers[0], numbers[1]);
    if ((type_name == "string" || type_name == "text") && numbers.size() == 1) decorator = fmt::format("@maxLength({})", numbers[0]);
    if (decorator_fits && !decorator.empty()) {
      builder.fix(fmt::format("write `{} {}`", type_name, decorator), {TextEdit{parentheses, " " + decorator}});
    }
  }

  // `operation find(q: string): list<Product>`, as TypeScript writes a result type. Reported with
  // the fix to `->`; the type is then read as the result, so nothing else is reported about it.
  void report_colon_before_result() {
    const SourceSpan colon = current_span();
    if (!accept_error()) return;
    (void)local_.report<DiagnosticKind::ColonBeforeResult>(colon)
        .fix("write `->`", {TextEdit{SourceSpan{tokens_.file(), after_previous().begin, colon.end}, " ->"}});
  }

  // path : name ('.' name)*   (the caller has checked the first name)
  bool parse_path() {
    const NodeId path = open(NodeKind::Path);
    leaf(NodeKind::Name);
    bool ok = true;
    while (kind() == K::Dot) {
      advance();
      if (!expect_name("a name", "after `.`")) {
        ok = false;
        break;
      }
    }
    close(path);
    if (!ok) fail(path);
    return ok;
  }

  bool parse_decorators() {
    while (kind() == K::At_) {
      if (!parse_decorator()) return false;
    }
    return true;
  }

  // decorator : '@' name ('(' (value (',' value)* ','?)? ')')?
  bool parse_decorator() {
    const NodeId decorator = open(NodeKind::Decorator);
    advance();
    bool ok = expect_name("a decorator name", "after `@`");
    if (ok && kind() == K::LeftParen) {
      const NodeId arguments = open(NodeKind::DecoratorArguments);
      advance();
      ok = parse_comma_list(K::RightParen, "decorator arguments",
                            [&] { return parse_value("in decorator arguments"); });
      close(arguments);
      if (!ok) fail(arguments);
    }
    close(decorator);
    if (!ok) fail(decorator);
    return ok;
  }

  // Parses `item (',' item)* ','? closer` or just `closer`, after the opener was consumed.
  template <typename Item>
  bool parse_comma_list(TokenKind closer, std::string_view what, Item&& item) {
    const TokenIndex opener = previous();
    if (kind() == closer) {
      advance();
      return true;
    }
    if (!enter_nested()) return false;
    bool ok = item();
    while (ok && kind() == K::Comma) {
      advance();
      if (kind() == closer) break;
      ok = item();
    }
    leave_nested();
    if (ok && kind() != closer) {
      if (accept_error()) {
        (void)local_
            .report<DiagnosticKind::ExpectedToken>(current_span(), describe(closer),
                    fmt::format("or `,` to continue the {}", what), found())
            .label(span_of(opener), fmt::format("`{}` opened here", spelling(kind_of(opener))));
      }
      return false;
    }
    if (ok) advance();
    return ok;
  }

  // value : STRING | '-'? number | path | list | object
  bool parse_value(const Lazy& context) {
    switch (kind()) {
      case K::String:
        leaf(NodeKind::StringLiteral);
        return true;
      case K::Integer: case K::Float:
        leaf(NodeKind::NumberLiteral);
        return true;
      case K::MalformedNumber: {  // already reported by the lexer
        const NodeId number = open(NodeKind::NumberLiteral);
        advance();
        close(number);
        fail(number);
        return true;
      }
      case K::Minus: {
        const NodeId number = open(NodeKind::NumberLiteral);
        advance();
        const bool ok = is_number(kind());
        if (ok) {
          if (kind() == K::MalformedNumber) fail(number);
          advance();
        } else {
          report<DiagnosticKind::ExpectedToken>(current_span(), "a number", "after `-`", found());
        }
        close(number);
        if (!ok) fail(number);
        return ok;
      }
      case K::LeftBracket: {
        const NodeId list = open(NodeKind::ListLiteral);
        advance();
        const bool ok = parse_comma_list(K::RightBracket, "list",
                                         [&] { return parse_value("in list"); });
        close(list);
        if (!ok) fail(list);
        return ok;
      }
      case K::LeftBrace: {
        const NodeId object = open(NodeKind::ObjectLiteral);
        advance();
        const bool ok = parse_comma_list(K::RightBrace, "object", [&] { return parse_entry(); });
        close(object);
        if (!ok) fail(object);
        return ok;
      }
      default:
        if (at_name()) return parse_path();
        report<DiagnosticKind::ExpectedValue>(current_span(), context.str(), found());
        return false;
    }
  }

  // entry : (name | STRING) ':' value
  bool parse_entry() {
    const NodeId entry = open(NodeKind::ObjectEntry);
    bool ok = true;
    if (at_name()) {
      leaf(NodeKind::Name);
    } else if (kind() == K::String) {
      leaf(NodeKind::StringLiteral);
    } else {
      report<DiagnosticKind::ExpectedName>(current_span(), "a key", "in object", found());
      ok = false;
    }
    if (ok) ok = expect(K::Colon, "after object key");
    if (ok) ok = parse_value("after `:` in object");
    close(entry);
    if (!ok) fail(entry);
    return ok;
  }

  // ---- security ----------------------------------------------------------------------------
  bool parse_policy() {
    return declaration(NodeKind::PolicyDecl, [&] {
      Owner owner{"policy", ""};
      if (at_name()) {
        owner.name = text();
        leaf(NodeKind::Name);
      }
      if (!expect(K::LeftBrace, owner.after())) return false;
      return parse_block_members(owner, Separators::None, [&] { return parse_policy_rule(owner); });
    });
  }

  // policyRule : (ALLOW | DENY) nameList TO actionSet (ON nameList)? (WHEN name)?
  bool parse_policy_rule(const Owner& owner) {
    if (kind() != K::KeywordAllow && kind() != K::KeywordDeny) {
      return report_expected_member("a rule starting with `allow` or `deny`", owner);
    }
    const NodeId rule = open(kind() == K::KeywordAllow ? NodeKind::AllowRule : NodeKind::DenyRule);
    advance();
    bool ok = parse_name_list("a role name or `*`", "after `allow`/`deny`");
    if (ok) ok = expect(K::KeywordTo, "after the roles of a rule");
    if (ok) ok = parse_action_set();
    if (ok && kind() == K::KeywordOn) {
      const NodeId on = open(NodeKind::OnClause);
      advance();
      ok = parse_name_list("an entity name or `*`", "after `on`");
      close(on);
    }
    if (ok && kind() == K::KeywordWhen) {
      const NodeId when = open(NodeKind::WhenClause);
      advance();
      ok = expect_name("a guard name", "after `when`");
      close(when);
    }
    close(rule);
    if (!ok) fail(rule);
    return ok;
  }

  // nameList : '*' | name (',' name)*
  bool parse_name_list(const Lazy& what, const Lazy& context) {
    const NodeId list = open(NodeKind::NameList);
    bool ok = true;
    if (kind() == K::Star) {
      leaf(NodeKind::Wildcard);
    } else {
      ok = expect_name(what, context);
      while (ok && kind() == K::Comma) {
        advance();
        ok = expect_name(what, "after `,`");
      }
    }
    close(list);
    if (!ok) fail(list);
    return ok;
  }

  // actionSet : '*' | name | '[' name (',' name)* ','? ']'
  bool parse_action_set() {
    const NodeId set = open(NodeKind::ActionSet);
    bool ok = true;
    if (kind() == K::Star) {
      leaf(NodeKind::Wildcard);
    } else if (kind() == K::LeftBracket) {
      const NodeId list = open(NodeKind::ActionList);
      advance();
      if (kind() == K::RightBracket) {
        report<DiagnosticKind::ExpectedName>(current_span(), "an action", "in `[...]`", found());
        ok = false;
      } else {
        ok = parse_comma_list(K::RightBracket, "action list",
                              [&] { return expect_name("an action", "in the action list"); });
      }
      close(list);
      if (!ok) fail(list);
    } else {
      ok = expect_name("an action, `[actions]` or `*`", "after `to`");
    }
    close(set);
    if (!ok) fail(set);
    return ok;
  }

  // ---- workflows ---------------------------------------------------------------------------
  bool parse_workflow() {
    return declaration(NodeKind::WorkflowDecl, [&] {
      const std::uint32_t name_token = position_;
      if (!expect_name("a workflow name", "after `workflow`")) return false;
      const Owner owner = owner_of("workflow", name_token);
      if (!expect(K::KeywordOn, Lazy("after workflow `{}` (`on Entity.field`)", owner.name))) {
        return false;
      }
      if (!at_name()) {
        report<DiagnosticKind::ExpectedName>(current_span(), "the state field (`Entity.field`)",
               "after `on`", found());
        return false;
      }
      if (!parse_path()) return false;
      if (!expect(K::LeftBrace, Lazy("after the state field of workflow `{}`", owner.name))) {
        return false;
      }
      return parse_block_members(owner, Separators::None,
                                 [&] { return parse_workflow_item(owner); });
    });
  }

  bool continues_list() const { return peek_kind() == K::Comma || peek_kind() == K::Arrow; }

  bool parse_workflow_item(const Owner& owner) {
    if (!at_name()) {
      return report_expected_member("`initial`, `guard` or a transition", owner);
    }
    if ((kind() == K::KeywordInitial || kind() == K::KeywordGuard) && !continues_list()) {
      const bool initial = kind() == K::KeywordInitial;
      const NodeId item = open(initial ? NodeKind::InitialState : NodeKind::GuardDecl);
      advance();
      const bool ok = initial ? expect_name("the initial state", "after `initial`")
                              : expect_name("a guard name", "after `guard`");
      close(item);
      if (!ok) fail(item);
      return ok;
    }
    return parse_transition();
  }

  // transition : name (',' name)* '->' name ON name parameters?
  //              (BY name (',' name)*)? (WHEN name)? (SETS assignment (',' assignment)*)?
  //              (EMITS path (',' path)*)?
  // A clause keyword followed by something other than a name starts the next item instead
  // (`by -> x` is a transition out of a state called `by`), as in the grammar.
  bool parse_transition() {
    const NodeId transition = open(NodeKind::Transition);
    const NodeId sources = open(NodeKind::SourceStates);
    leaf(NodeKind::Name);
    bool ok = true;
    while (ok && kind() == K::Comma) {
      advance();
      ok = expect_name("a state", "after `,` in the source states");
    }
    close(sources);
    if (ok) ok = expect(K::Arrow, "after the source states of a transition");
    if (ok) ok = expect_name("the target state", "after `->`");
    if (ok) ok = expect(K::KeywordOn, "after the target state (`on trigger`)");
    if (ok) {
      const NodeId trigger = open(NodeKind::Trigger);
      ok = expect_name("a trigger name", "after `on`");
      if (ok && kind() == K::LeftParen) ok = parse_parameters();
      close(trigger);
      if (!ok) fail(trigger);
    }
    if (ok && kind() == K::KeywordBy && is_name(peek_kind())) ok = parse_by_clause();
    if (ok && kind() == K::KeywordWhen && is_name(peek_kind())) {
      const NodeId when = open(NodeKind::WhenClause);
      advance();
      leaf(NodeKind::Name);
      close(when);
    }
    if (ok && kind() == K::KeywordSets && is_name(peek_kind()) && peek_kind(2) == K::Equal) ok = parse_sets_clause();
    if (ok && kind() == K::KeywordEmits && is_name(peek_kind())) {
      const NodeId emits = open(NodeKind::EmitsClause);
      advance();
      ok = parse_path();
      while (ok && kind() == K::Comma) {
        advance();
        if (!at_name()) {
          report<DiagnosticKind::ExpectedName>(current_span(), "an event", "after `,`", found());
          ok = false;
          break;
        }
        ok = parse_path();
      }
      close(emits);
    }
    close(transition);
    if (!ok) fail(transition);
    return ok;
  }

  // SETS assignment (',' assignment)*, assignment : name '=' name. A `,` continues the clause
  // only before `name =` (else it belongs to the next transition's source states).
  bool parse_sets_clause() {
    const NodeId sets = open(NodeKind::SetsClause);
    advance();  // `sets`
    bool ok = true;
    while (ok) {
      const NodeId assignment = open(NodeKind::Assignment);
      const std::string_view field = text();
      leaf(NodeKind::Name);
      advance();  // `=`
      ok = expect_name("a trigger parameter, `now` or `null`", Lazy("after `{} =`", field));
      close(assignment);
      if (!ok) fail(assignment);
      if (!(ok && kind() == K::Comma && is_name(peek_kind()) && peek_kind(2) == K::Equal)) break;
      advance();  // `,`
    }
    close(sets);
    if (!ok) fail(sets);
    return ok;
  }

  // BY name (',' name)*   (the caller has checked that `by` is followed by a name)
  bool parse_by_clause() { return parse_names_after_keyword(NodeKind::ByClause, "a role name", "by"); }

  // KEYWORD name (',' name)*: a node of `node_kind` around the keyword's names (`by Admin, Clerk`,
  // `with Audited, Tenanted`). The caller has checked the keyword; a broken list fails the node.
  bool parse_names_after_keyword(NodeKind node_kind, std::string_view what, std::string_view keyword) {
    const NodeId node = open(node_kind);
    advance();
    bool ok = expect_name(what, Lazy("after `{}`", keyword));
    while (ok && kind() == K::Comma) {
      advance();
      ok = expect_name(what, "after `,`");
    }
    close(node);
    if (!ok) fail(node);
    return ok;
  }

  // parameters : '(' (field (',' field)* ','?)? ')'
  bool parse_parameters() {
    const NodeId parameters = open(NodeKind::Parameters);
    bool ok = expect(K::LeftParen, "to start the parameters");
    if (ok) {
      ok = parse_comma_list(K::RightParen, "parameters", [&] {
        if (!at_name()) {
          report<DiagnosticKind::ExpectedName>(current_span(), "a parameter name",
                 "in the parameters", found());
          return false;
        }
        return parse_field();
      });
    }
    close(parameters);
    if (!ok) fail(parameters);
    return ok;
  }

  // ---- APIs --------------------------------------------------------------------------------
  bool parse_api() {
    return declaration(NodeKind::ApiDecl, [&] {
      const std::uint32_t name_token = position_;
      if (!expect_name("an API name", "after `api`")) return false;
      const Owner owner = owner_of("api", name_token);
      if (kind() == K::KeywordAt) {
        const NodeId at = open(NodeKind::AtClause);
        advance();
        const bool ok = kind() == K::String;
        if (ok) {
          leaf(NodeKind::StringLiteral);
        } else {
          report<DiagnosticKind::ExpectedToken>(current_span(), "a base path string",
                 "after `at`", found());
        }
        close(at);
        if (!ok) return false;
      }
      if (!expect(K::LeftBrace, owner.after())) return false;
      return parse_block_members(owner, Separators::None, [&] {
        if (kind() == K::KeywordResource) return parse_resource();
        if (kind() == K::KeywordOperation) return parse_operation();
        return report_expected_member("`resource` or `operation`", owner);
      });
    });
  }

  // resource : RESOURCE path ('{' (resourceAction (',' resourceAction)* ','?)? '}')? (WITH WORKFLOW path)?
  // resourceAction : name (EMITS path)?
  bool parse_resource() {
    const NodeId resource = open(NodeKind::Resource);
    advance();
    bool ok = at_name();
    if (ok) {
      ok = parse_path();
    } else {
      report<DiagnosticKind::ExpectedName>(current_span(), "an entity name", "after `resource`",
             found());
    }
    if (ok && kind() == K::LeftBrace) {
      const NodeId actions = open(NodeKind::ResourceActions);
      advance();
      ok = parse_comma_list(K::RightBrace, "resource actions", [&] { return parse_resource_action(); });
      close(actions);
      if (!ok) fail(actions);
    }
    if (ok && kind() == K::KeywordWith) {
      const NodeId with = open(NodeKind::WithWorkflow);
      advance();
      ok = expect(K::KeywordWorkflow, "after `with`");
      if (ok && !at_name()) {
        report<DiagnosticKind::ExpectedName>(current_span(), "a workflow name",
               "after `with workflow`", found());
        ok = false;
      }
      if (ok) ok = parse_path();
      close(with);
    }
    close(resource);
    if (!ok) fail(resource);
    return ok;
  }

  // An action, or `create emits OrderPlaced`: an EmittingAction node around the name and the event.
  bool parse_resource_action() {
    if (peek_kind(1) != K::KeywordEmits) return expect_name("an action", "in the resource actions");
    const NodeId action = open(NodeKind::EmittingAction);
    bool ok = expect_name("an action", "in the resource actions");
    if (ok) {
      advance();  // `emits`
      ok = at_name();
      if (ok) {
        ok = parse_path();
      } else {
        report<DiagnosticKind::ExpectedName>(current_span(), "an event name", "after `emits`", found());
      }
    }
    close(action);
    if (!ok) fail(action);
    return ok;
  }

  // operation : OPERATION name parameters ('->' typeRef)? decorator* (BY name (',' name)*)?
  bool parse_operation() {
    const NodeId operation = open(NodeKind::Operation);
    advance();
    bool ok = expect_name("an operation name", "after `operation`");
    if (ok) ok = parse_parameters();
    if (ok && (kind() == K::Arrow || kind() == K::Colon)) {
      if (kind() == K::Colon) report_colon_before_result();
      const NodeId result = open(NodeKind::ReturnType);
      advance();
      ok = parse_type("after `->`");
      close(result);
    }
    if (ok) ok = parse_decorators();
    if (ok && kind() == K::KeywordBy) ok = parse_by_clause();
    close(operation);
    if (!ok) fail(operation);
    return ok;
  }

  struct MemberMark {
    std::uint32_t token;
    std::uint32_t node_count;
    std::size_t diagnostic_count;
  };

  const TokenizedBuffer& tokens_;
  DiagnosticEngine& diagnostics_;
  DiagnosticEngine local_;  // this file's diagnostics, until the parse ends (see unwinding)
  Tree tree_;
  std::uint32_t position_ = 0;
  const int max_nesting_;
  const Interrupt* interrupt_;
  int depth_ = 0;
  int error_count_ = 0;
  bool gave_up_ = false;
  std::uint32_t last_error_position_ = UINT32_MAX;
  std::vector<MemberMark> member_marks_;
  // The last field parsed, and whether its type began on a line after its `:`.
  NodeId previous_field_;
  std::string_view previous_field_name_;
  bool previous_field_type_on_next_line_ = false;
  int type_argument_depth_ = 0;  // inside `list<...>` and `map<...>`
};

}  // namespace

Tree parse(const TokenizedBuffer& tokens, DiagnosticEngine& diagnostics, const ParseOptions& options) {
  return Parser(tokens, diagnostics, options).run();
}

}  // namespace bpc
