// The Blueprint formatter. It walks the syntax tree and prints every construct canonically,
// writing punctuation itself (the tree has none) and weaving the comments back in by source
// offset. The layout rules are documented for users in docs/formatting.md; in short:
//
//   - Output is built line by line. Indentation is written lazily when text lands on a line, so
//     no line ever carries trailing whitespace; a pending single space is likewise written only
//     between two pieces of text on the same line.
//   - Comments are taken in source order from one cursor, so every comment is printed exactly
//     once and in order. Where a comment lands depends on its position relative to the tokens:
//       * between members of a block (or elements of a broken list): on its own line at the
//         member's indentation (a "leading" comment), except that a non-doc comment on the same
//         source line as the end of the previous member stays at the end of that member's line
//         (a "trailing" comment);
//       * inside a member: block comments stay where they are, between the same tokens; a line
//         or doc comment ends the output line and the member continues on a continuation line.
//     A line comment is always the last thing on its line: `line_comment_open_` forces a line
//     break before anything else is written.
//   - A bracketed, comma-separated list (a list or object value, decorator arguments,
//     parameters, resource actions, an action list) is printed on one line, unless a line or doc
//     comment sits inside its brackets; then it is "broken": one element per line, each followed
//     by a comma, so every comment keeps its place. Parameters also break when the line holding
//     them would exceed the width.
//   - Long members wrap greedily: an operation's decorators and `by` clause, a transition's
//     `by`/`when`/`emits` clauses, a policy rule's `on`/`when` clauses and the decorators of a
//     field, type alias or enum value move to a continuation line (member indentation + 2)
//     when they would cross column 100. Choices that need the printed width are made by
//     printing, measuring and, if needed, rolling back to a saved State and printing again.
//
// Every decision depends only on the tree, the comments' positions relative to the tokens, and
// three facts about the source layout that the output reproduces exactly (whether a block was
// written on one line, where the user left blank lines, and whether a comment shares a line
// with the code before it), which is what makes the formatter idempotent.
//
// Recursion follows the tree, whose depth the parser limits (kMaxNestingDepth).

#include "frontend/format/formatter.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace bpc {

namespace {

constexpr std::size_t kMaxWidth = 100;
constexpr int kIndentStep = 2;

class Formatter {
 public:
  explicit Formatter(const Tree& tree)
      : tree_(tree),
        tokens_(tree.tokens()),
        source_(tokens_.source()),
        comments_(tokens_.comments()) {}

  std::string run() {
    if (tree_.has_errors()) return std::string(source_);  // never reformat what failed to parse
    out_.reserve(source_.size() + source_.size() / 8 + 16);
    const auto eof = static_cast<std::uint32_t>(source_.size());
    std::vector<NodeId> declarations = children(tree_.root());
    bool have_previous = false;
    NodeKind previous_kind = NodeKind::File;
    bool previous_one_line = false;
    for (std::size_t i = 0; i < declarations.size(); ++i) {
      const NodeId declaration = declarations[i];
      const std::size_t chunk_start = out_.size();
      const bool source_blank = blank_between(src_end_, first_pending_offset(begin(declaration)));
      indent_ = 0;
      cont_indent_ = kIndentStep;
      const bool had_comments = flush_leading(begin(declaration), /*allow_blank=*/false);
      start_item(begin(declaration), had_comments);
      const std::size_t declaration_start = out_.size();
      print_declaration(declaration);
      src_end_ = std::max(src_end_, end(declaration));
      flush_trailing(i + 1 < declarations.size() ? begin(declarations[i + 1]) : eof);
      end_line();
      const bool one_line =
          std::memchr(out_.data() + declaration_start, '\n', out_.size() - 1 - declaration_start) ==
          nullptr;
      const NodeKind kind = tree_.kind(declaration);
      if (have_previous) {
        const bool grouped = kind == previous_kind && one_line && previous_one_line;
        if (!grouped || source_blank) {
          out_.insert(chunk_start, 1, '\n');
          line_begin_ = out_.size();
        }
      }
      have_previous = true;
      previous_kind = kind;
      previous_one_line = one_line;
    }
    // Comments after the last declaration.
    if (next_comment_ < comments_.size()) {
      const std::size_t chunk_start = out_.size();
      const bool source_blank = blank_between(src_end_, comments_[next_comment_].offset);
      indent_ = 0;
      cont_indent_ = kIndentStep;
      flush_leading(eof, /*allow_blank=*/false);
      if (have_previous && source_blank) out_.insert(chunk_start, 1, '\n');
    }
    end_line();
    return std::move(out_);
  }

 private:
  // Everything a rollback restores.
  struct State {
    std::size_t out_size;
    std::size_t line_begin;
    std::size_t next_comment;
    std::uint32_t src_end;
    int indent;
    int line_indent;
    int cont_indent;
    bool at_line_start;
    bool space;
    bool line_comment_open;
    bool no_wrap;
  };

  State save() const {
    return State{out_.size(), line_begin_, next_comment_, src_end_,          indent_,  line_indent_,
                 cont_indent_, at_line_start_, space_,       line_comment_open_, no_wrap_};
  }
  void restore(const State& s) {
    out_.resize(s.out_size);
    line_begin_ = s.line_begin;
    next_comment_ = s.next_comment;
    src_end_ = s.src_end;
    indent_ = s.indent;
    line_indent_ = s.line_indent;
    cont_indent_ = s.cont_indent;
    at_line_start_ = s.at_line_start;
    space_ = s.space;
    line_comment_open_ = s.line_comment_open;
    no_wrap_ = s.no_wrap;
  }

  // ---- tree and source helpers -------------------------------------------------------------
  std::vector<NodeId> children(NodeId id) const {
    std::vector<NodeId> result;
    for (NodeId child : tree_.children(id)) result.push_back(child);
    return result;
  }
  NodeKind kind(NodeId id) const { return tree_.kind(id); }
  TokenIndex first_token(NodeId id) const { return tree_.first_token(id); }
  TokenIndex last_token(NodeId id) const { return tree_.last_token(id); }
  std::uint32_t offset(TokenIndex t) const { return tokens_.token(t).offset; }
  std::uint32_t token_end(TokenIndex t) const { return tokens_.token(t).end(); }
  std::uint32_t begin(NodeId id) const { return offset(first_token(id)); }
  std::uint32_t end(NodeId id) const { return token_end(last_token(id)); }
  static TokenIndex next(TokenIndex t) { return TokenIndex{t.index + 1}; }

  bool has_newline(std::uint32_t from, std::uint32_t to) const {
    if (to <= from) return false;
    return std::memchr(source_.data() + from, '\n', to - from) != nullptr;
  }
  // Whether the source has a blank line between two offsets (only whitespace and punctuation
  // lie between them when this is asked).
  bool blank_between(std::uint32_t from, std::uint32_t to) const {
    if (to <= from) return false;
    const char* p = source_.data() + from;
    const char* const e = source_.data() + to;
    int newlines = 0;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', e - p))) != nullptr) {
      if (++newlines == 2) return true;
      ++p;
    }
    return false;
  }
  // The offset of the first pending comment before `limit`, or `limit`.
  std::uint32_t first_pending_offset(std::uint32_t limit) const {
    if (next_comment_ < comments_.size() && comments_[next_comment_].offset < limit) {
      return comments_[next_comment_].offset;
    }
    return limit;
  }
  bool has_comment_before(std::uint32_t limit) const { return first_pending_offset(limit) < limit; }
  // Whether a line or doc comment is pending after `after` and before `limit`.
  bool has_line_comment_between(std::uint32_t after, std::uint32_t limit) const {
    for (std::size_t i = next_comment_; i < comments_.size() && comments_[i].offset < limit; ++i) {
      if (comments_[i].offset > after && comments_[i].kind != CommentKind::Block) return true;
    }
    return false;
  }
  // Whether any pending line or doc comment comes before `limit`.
  bool has_line_comment_before(std::uint32_t limit) const {
    for (std::size_t i = next_comment_; i < comments_.size() && comments_[i].offset < limit; ++i) {
      if (comments_[i].kind != CommentKind::Block) return true;
    }
    return false;
  }

  // ---- output primitives -------------------------------------------------------------------
  static std::size_t width(std::string_view text) {
    std::size_t columns = 0;
    for (const char c : text) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return columns;
  }
  std::size_t current_width() const {
    return width(std::string_view(out_).substr(line_begin_));
  }
  // The width of the line that was current at `s`, up to its first line break since then.
  std::size_t first_line_width_since(const State& s) const {
    const std::size_t newline = out_.find('\n', s.out_size);
    const std::size_t stop = newline == std::string::npos ? out_.size() : newline;
    return width(std::string_view(out_).substr(s.line_begin, stop - s.line_begin));
  }
  bool line_broken_since(const State& s) const {
    return line_comment_open_ || out_.find('\n', s.out_size) != std::string::npos;
  }

  void open_line() {
    if (line_comment_open_) {
      end_line();
      line_indent_ = cont_indent_;
    }
    if (at_line_start_) {
      out_.append(static_cast<std::size_t>(line_indent_), ' ');
      at_line_start_ = false;
      space_ = false;
    }
  }
  void write(std::string_view text) {
    const bool fresh = at_line_start_ || line_comment_open_;
    open_line();
    if (space_ && !fresh) out_ += ' ';
    space_ = false;
    out_ += text;
  }
  void space() { space_ = true; }
  void end_line() {
    if (!at_line_start_) out_ += '\n';
    at_line_start_ = true;
    line_begin_ = out_.size();
    space_ = false;
    line_comment_open_ = false;
  }
  void blank_line() {
    end_line();
    if (!out_.empty() && !(out_.size() >= 2 && out_[out_.size() - 2] == '\n')) out_ += '\n';
    line_begin_ = out_.size();
  }
  // Starts a new item (member, declaration, comment) on its own line at the block indentation,
  // after a blank line when the source had one before `at` and blank lines are allowed here.
  void start_item(std::uint32_t at, bool allow_blank) {
    end_line();
    if (allow_blank && blank_between(src_end_, at)) blank_line();
    line_indent_ = indent_;
  }

  // ---- comments ----------------------------------------------------------------------------
  void emit_comment(const Comment& comment) {
    std::string_view text = tokens_.text(comment);
    const bool fresh = at_line_start_ || line_comment_open_;
    open_line();
    if (!fresh) out_ += ' ';
    space_ = false;
    if (comment.kind == CommentKind::Block) {
      // Verbatim, except that line breaks become "\n" and lines lose trailing whitespace.
      std::size_t start = 0;
      while (true) {
        const std::size_t newline = text.find('\n', start);
        std::string_view line =
            text.substr(start, newline == std::string_view::npos ? text.size() - start
                                                                  : newline - start);
        if (newline != std::string_view::npos) {
          while (!line.empty() && (line.back() == ' ' || line.back() == '\t' ||
                                   line.back() == '\r')) {
            line.remove_suffix(1);
          }
        }
        out_ += line;
        if (newline == std::string_view::npos) break;
        out_ += '\n';
        line_begin_ = out_.size();
        start = newline + 1;
      }
      space_ = true;
    } else {
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
      }
      out_ += text;
      line_comment_open_ = true;
    }
    src_end_ = std::max(src_end_, comment.offset + comment.length);
  }

  // Inside a member: prints the comments before `limit` where they are.
  void flush_inline(std::uint32_t limit) {
    while (next_comment_ < comments_.size() && comments_[next_comment_].offset < limit) {
      emit_comment(comments_[next_comment_++]);
    }
  }
  // Before a closing token written on the same line: prints the block comments before `limit`
  // and leaves a line comment pending, so it ends up after the closer rather than before it.
  void flush_inline_blocks(std::uint32_t limit) {
    while (next_comment_ < comments_.size() && comments_[next_comment_].offset < limit &&
           comments_[next_comment_].kind == CommentKind::Block) {
      emit_comment(comments_[next_comment_++]);
    }
  }
  // After a member: prints the comments before `limit` that start on the source line where the
  // member ended, at the end of the output line. Doc comments document what follows them, so
  // they are never trailing.
  void flush_trailing(std::uint32_t limit) {
    while (next_comment_ < comments_.size()) {
      const Comment& comment = comments_[next_comment_];
      if (comment.offset >= limit || comment.kind == CommentKind::Doc ||
          has_newline(src_end_, comment.offset)) {
        return;
      }
      emit_comment(comment);
      ++next_comment_;
      if (comment.kind == CommentKind::Line) return;
    }
  }
  // Before a member (or a closing brace): prints the comments before `limit` on their own lines
  // at the block indentation. A comment that follows a block comment on the same source line
  // stays on its line. Returns whether anything was printed.
  bool flush_leading(std::uint32_t limit, bool allow_blank) {
    bool printed = false;
    bool after_block = false;
    while (next_comment_ < comments_.size() && comments_[next_comment_].offset < limit) {
      const Comment& comment = comments_[next_comment_];
      if (!(after_block && !has_newline(src_end_, comment.offset))) {
        start_item(comment.offset, allow_blank || printed);
      }
      emit_comment(comment);
      ++next_comment_;
      printed = true;
      after_block = comment.kind == CommentKind::Block;
    }
    return printed;
  }

  // ---- tokens ------------------------------------------------------------------------------
  // Writes a token as spelled in the source, after the comments that precede it.
  void token(TokenIndex t) {
    flush_inline(offset(t));
    write(tokens_.text(t));
    src_end_ = std::max(src_end_, token_end(t));
  }
  // Writes a closing token (`>`, `?`, `)`, ...) on the current line.
  void closer(TokenIndex t, std::string_view text) {
    flush_inline_blocks(offset(t));
    write(text);
    src_end_ = std::max(src_end_, token_end(t));
  }
  void leaf(NodeId id) {
    if (kind(id) == NodeKind::NumberLiteral && first_token(id) != last_token(id)) {
      token(first_token(id));  // `-`
    }
    token(last_token(id));
  }

  // ---- wrapping ----------------------------------------------------------------------------
  // Prints a trailing part of a member (a decorator, a clause) after a space, or on a
  // continuation line when it would cross the width limit.
  template <typename Print>
  void wrap_item(Print&& print) {
    if (no_wrap_ || at_line_start_ || line_comment_open_) {
      space();
      print();
      return;
    }
    const State s = save();
    space();
    print();
    if (first_line_width_since(s) > kMaxWidth) {
      restore(s);
      end_line();
      line_indent_ = cont_indent_;
      print();
    }
  }

  // ---- lists -------------------------------------------------------------------------------
  // A bracketed comma list: `node` spans from its opening to its closing token.
  template <typename Print>
  void comma_list(NodeId node, std::string_view open, std::string_view close, bool inner_spaces,
                  Print&& print_item, bool force_break = false) {
    const std::vector<NodeId> items = children(node);
    const TokenIndex open_token = first_token(node);
    const TokenIndex close_token = last_token(node);
    const bool broken =
        force_break || has_line_comment_between(offset(open_token), offset(close_token));
    flush_inline(offset(open_token));
    write(open);
    src_end_ = std::max(src_end_, token_end(open_token));
    if (!broken) {
      const bool saved_no_wrap = no_wrap_;
      no_wrap_ = true;
      if (inner_spaces && !items.empty()) space();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
          write(",");
          space();
        }
        print_item(items[i]);
      }
      if (inner_spaces && !items.empty()) space();
      closer(close_token, close);
      no_wrap_ = saved_no_wrap;
      return;
    }
    const int saved_indent = indent_;
    const int saved_cont = cont_indent_;
    const bool saved_no_wrap = no_wrap_;
    const int base = line_indent_;
    indent_ = base + kIndentStep;
    cont_indent_ = indent_ + kIndentStep;
    no_wrap_ = false;
    flush_trailing(items.empty() ? offset(close_token) : begin(items.front()));
    bool first = true;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const bool had_comments = flush_leading(begin(items[i]), !first);
      start_item(begin(items[i]), !first || had_comments);
      print_item(items[i]);
      write(",");
      src_end_ = std::max(src_end_, end(items[i]));
      flush_trailing(i + 1 < items.size() ? begin(items[i + 1]) : offset(close_token));
      first = false;
    }
    flush_leading(offset(close_token), !first);
    indent_ = base;
    end_line();
    line_indent_ = base;
    write(close);
    src_end_ = std::max(src_end_, token_end(close_token));
    indent_ = saved_indent;
    cont_indent_ = saved_cont;
    no_wrap_ = saved_no_wrap;
  }

  // Names or paths separated by `, ` without brackets (roles, states, events, property values).
  template <typename Print>
  void separated(const std::vector<NodeId>& items, std::size_t from, Print&& print_item) {
    for (std::size_t i = from; i < items.size(); ++i) {
      if (i > from) {
        write(",");
        space();
      }
      print_item(items[i]);
    }
  }

  // ---- blocks ------------------------------------------------------------------------------
  // Prints ` { members }`. A block written on one line in the source stays on one line when
  // `one_line_allowed`, nothing but block comments sit in it, and it fits the width; otherwise
  // each member goes on its own line. An empty block without comments is `{}`.
  template <typename Print>
  void block(TokenIndex open_token, TokenIndex close_token, const std::vector<NodeId>& members,
             bool one_line_allowed, Print&& print_member) {
    space();
    const std::uint32_t close_offset = offset(close_token);
    if (members.empty() && !has_comment_before(close_offset)) {
      write("{}");
      src_end_ = std::max(src_end_, token_end(close_token));
      return;
    }
    if (one_line_allowed && !has_newline(offset(open_token), close_offset) &&
        !has_line_comment_before(close_offset)) {
      const State s = save();
      no_wrap_ = true;
      write("{");
      space();
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) {
          write(",");
          space();
        }
        print_member(members[i]);
      }
      flush_inline(close_offset);
      space();
      write("}");
      src_end_ = std::max(src_end_, token_end(close_token));
      no_wrap_ = s.no_wrap;
      if (!line_broken_since(s) && current_width() <= kMaxWidth) return;
      restore(s);
    }
    write("{");
    src_end_ = std::max(src_end_, token_end(open_token));
    flush_trailing(members.empty() ? close_offset : begin(members.front()));
    const int outer = indent_;
    const int saved_cont = cont_indent_;
    indent_ = outer + kIndentStep;
    bool first = true;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const bool had_comments = flush_leading(begin(members[i]), !first);
      start_item(begin(members[i]), !first || had_comments);
      cont_indent_ = indent_ + kIndentStep;
      print_member(members[i]);
      cont_indent_ = saved_cont;
      src_end_ = std::max(src_end_, end(members[i]));
      flush_trailing(i + 1 < members.size() ? begin(members[i + 1]) : close_offset);
      first = false;
    }
    flush_leading(close_offset, !first);
    indent_ = outer;
    end_line();
    line_indent_ = indent_;
    write("}");
    src_end_ = std::max(src_end_, token_end(close_token));
  }

  // ---- declarations ------------------------------------------------------------------------
  void print_declaration(NodeId d) {
    const std::vector<NodeId> k = children(d);
    token(first_token(d));  // the keyword
    switch (kind(d)) {
      case NodeKind::BlueprintDecl:
      case NodeKind::TargetDecl:
        space();
        leaf(k[0]);
        property_block(k[1]);
        break;
      case NodeKind::ImportDecl:
      case NodeKind::RoleDecl:
        space();
        leaf(k[0]);
        break;
      case NodeKind::HandlerDecl:  // `handler notifyWarehouse on OrderPlaced [triggers pay on payment.order]`
        space();
        leaf(k[0]);
        word_and_path("on", k[1]);
        if (k.size() > 2 && kind(k[2]) == NodeKind::HandlerTrigger) {
          const std::vector<NodeId> parts = children(k[2]);
          space();
          write("triggers");
          space();
          leaf(parts[0]);
          word_and_path("on", parts[1]);
        }
        break;
      case NodeKind::IntentDecl:
        for (const NodeId child : k) {
          if (kind(child) == NodeKind::PropertyBlock) {
            property_block(child);
          } else if (kind(child) == NodeKind::Priority) {
            space();
            token(first_token(child));
            space();
            leaf(children(child)[0]);
          } else {
            space();
            leaf(child);
          }
        }
        break;
      case NodeKind::TypeDecl:
        space();
        leaf(k[0]);
        space();
        write("=");
        space();
        type_ref(k[1]);
        decorators(k, 2);
        break;
      case NodeKind::EnumDecl: {
        space();
        leaf(k[0]);
        const std::vector<NodeId> values(k.begin() + 1, k.end());
        block(next(last_token(k[0])), last_token(d), values, true, [&](NodeId value) {
          const std::vector<NodeId> parts = children(value);
          leaf(parts[0]);
          decorators(parts, 1);
        });
        break;
      }
      case NodeKind::StructDecl:
      case NodeKind::EntityDecl:
      case NodeKind::EventDecl:
      case NodeKind::MixinDecl: {
        space();
        leaf(k[0]);
        std::size_t block_child = 1;
        if (kind(k[1]) == NodeKind::MixinList) {  // `with Audited, Tenanted`
          space();
          token(first_token(k[1]));
          space();
          separated(children(k[1]), 0, [&](NodeId name) { leaf(name); });
          block_child = 2;
        }
        block(first_token(k[block_child]), last_token(k[block_child]), children(k[block_child]), true,
              [&](NodeId field) { print_field(field); });
        break;
      }
      case NodeKind::PolicyDecl: {
        TokenIndex before_brace = first_token(d);
        std::size_t first_rule = 0;
        if (!k.empty() && kind(k[0]) == NodeKind::Name) {
          space();
          leaf(k[0]);
          before_brace = last_token(k[0]);
          first_rule = 1;
        }
        const std::vector<NodeId> rules(k.begin() + static_cast<std::ptrdiff_t>(first_rule),
                                        k.end());
        block(next(before_brace), last_token(d), rules, false,
              [&](NodeId rule) { policy_rule(rule); });
        break;
      }
      case NodeKind::WorkflowDecl: {
        space();
        leaf(k[0]);
        word_and_path("on", k[1]);
        const std::vector<NodeId> items(k.begin() + 2, k.end());
        block(next(last_token(k[1])), last_token(d), items, false,
              [&](NodeId item) { workflow_item(item); });
        break;
      }
      case NodeKind::ApiDecl: {
        space();
        leaf(k[0]);
        std::size_t first_member = 1;
        TokenIndex before_brace = last_token(k[0]);
        if (k.size() > 1 && kind(k[1]) == NodeKind::AtClause) {
          space();
          token(first_token(k[1]));
          space();
          leaf(children(k[1])[0]);
          before_brace = last_token(k[1]);
          first_member = 2;
        }
        const std::vector<NodeId> members(k.begin() + static_cast<std::ptrdiff_t>(first_member),
                                          k.end());
        block(next(before_brace), last_token(d), members, false, [&](NodeId member) {
          if (kind(member) == NodeKind::Resource) {
            resource(member);
          } else {
            operation(member);
          }
        });
        break;
      }
      default:
        break;
    }
  }

  // ` on a.b`, ` emits A.B`: a keyword and the path it introduces (a workflow's field, a
  // handler's event, a trigger's record, an action's event).
  void word_and_path(std::string_view word, NodeId p) {
    space();
    write(word);
    space();
    path(p);
  }

  void property_block(NodeId block_node) {
    const std::vector<NodeId> properties = children(block_node);
    block(first_token(block_node), last_token(block_node), properties, properties.size() <= 1,
          [&](NodeId property) {
            const std::vector<NodeId> parts = children(property);
            leaf(parts[0]);
            space();
            separated(parts, 1, [&](NodeId v) { value(v); });
          });
  }

  // ---- fields, types, decorators, values ---------------------------------------------------
  void print_field(NodeId field) {
    const std::vector<NodeId> k = children(field);
    if (kind(field) == NodeKind::UniqueKey || kind(field) == NodeKind::IndexKey) {  // `unique (a, b)`
      token(first_token(field));
      space();
      write("(");
      for (std::size_t i = 0; i < k.size(); ++i) {
        if (i > 0) {
          write(",");
          space();
        }
        leaf(k[i]);
      }
      write(")");
      return;
    }
    leaf(k[0]);
    write(":");
    space();
    type_ref(k[1]);
    std::size_t next_child = 2;
    if (next_child < k.size() && kind(k[next_child]) == NodeKind::DefaultValue) {
      space();
      token(first_token(k[next_child]));  // `=`
      space();
      value(children(k[next_child])[0]);
      ++next_child;
    }
    decorators(k, next_child);
  }

  void decorators(const std::vector<NodeId>& k, std::size_t from) {
    for (std::size_t i = from; i < k.size(); ++i) {
      wrap_item([&] { decorator(k[i]); });
    }
  }

  void decorator(NodeId d) {
    const std::vector<NodeId> k = children(d);
    token(first_token(d));  // `@`
    leaf(k[0]);
    if (k.size() > 1) {
      comma_list(k[1], "(", ")", false, [&](NodeId v) { value(v); });
    }
  }

  void type_ref(NodeId t) {
    const std::vector<NodeId> k = children(t);
    path(k[0]);
    if (k.size() > 1) {
      const NodeId arguments = k[1];
      token(first_token(arguments));  // `<`
      const std::vector<NodeId> types = children(arguments);
      separated(types, 0, [&](NodeId argument) { type_ref(argument); });
      closer(last_token(arguments), ">");
    }
    if (tree_.node(t).is_optional()) closer(last_token(t), "?");
  }

  void path(NodeId p) {
    bool first = true;
    for (const NodeId name : tree_.children(p)) {
      if (!first) write(".");
      first = false;
      leaf(name);
    }
  }

  void value(NodeId v) {
    switch (kind(v)) {
      case NodeKind::Path:
        path(v);
        break;
      case NodeKind::ListLiteral:
        comma_list(v, "[", "]", false, [&](NodeId element) { value(element); });
        break;
      case NodeKind::ObjectLiteral:
        comma_list(v, "{", "}", true, [&](NodeId entry) {
          const std::vector<NodeId> parts = children(entry);
          leaf(parts[0]);
          write(":");
          space();
          value(parts[1]);
        });
        break;
      default:
        leaf(v);
        break;
    }
  }

  // ---- policies ----------------------------------------------------------------------------
  void name_list(NodeId list) {
    const std::vector<NodeId> names = children(list);
    separated(names, 0, [&](NodeId name) { leaf(name); });
  }

  void policy_rule(NodeId rule) {
    const std::vector<NodeId> k = children(rule);
    token(first_token(rule));  // `allow` or `deny`
    space();
    name_list(k[0]);
    space();
    write("to");
    space();
    const NodeId action = children(k[1])[0];
    if (kind(action) == NodeKind::ActionList) {
      comma_list(action, "[", "]", false, [&](NodeId name) { leaf(name); });
    } else {
      leaf(action);
    }
    for (std::size_t i = 2; i < k.size(); ++i) {
      wrap_item([&] { clause(k[i]); });
    }
  }

  // `on names`, `when guard`, `by roles`, `sets field = value, ...` or `emits events`.
  void clause(NodeId c) {
    token(first_token(c));  // the keyword
    space();
    const std::vector<NodeId> k = children(c);
    switch (kind(c)) {
      case NodeKind::OnClause:
        name_list(k[0]);
        break;
      case NodeKind::EmitsClause:
        separated(k, 0, [&](NodeId p) { path(p); });
        break;
      case NodeKind::SetsClause:
        separated(k, 0, [&](NodeId assignment) {
          const std::vector<NodeId> sides = children(assignment);
          leaf(sides[0]);
          space();
          write("=");
          space();
          leaf(sides[1]);
        });
        break;
      default:
        separated(k, 0, [&](NodeId name) { leaf(name); });
        break;
    }
  }

  // ---- workflows ---------------------------------------------------------------------------
  void workflow_item(NodeId item) {
    const std::vector<NodeId> k = children(item);
    if (kind(item) != NodeKind::Transition) {  // `initial state` or `guard name`
      token(first_token(item));
      space();
      leaf(k[0]);
      return;
    }
    const auto head = [&](bool break_parameters) {
      separated(children(k[0]), 0, [&](NodeId state) { leaf(state); });
      space();
      write("->");
      space();
      leaf(k[1]);
      space();
      write("on");
      space();
      const std::vector<NodeId> trigger = children(k[2]);
      leaf(trigger[0]);
      if (trigger.size() > 1) parameters(trigger[1], break_parameters);
    };
    print_head(head, tree_.child(k[2], NodeKind::Parameters));
    for (std::size_t i = 3; i < k.size(); ++i) {
      wrap_item([&] { clause(k[i]); });
    }
  }

  // Prints the head of an operation or transition; breaks its parameters one per line when the
  // head does not fit on its line.
  template <typename Head>
  void print_head(Head&& head, NodeId parameters_node) {
    const State s = save();
    head(false);
    if (!no_wrap_ && !parameters_node.is_none() &&
        tree_.subtree_size(parameters_node) > 1 && !line_broken_since(s) &&
        current_width() > kMaxWidth) {
      restore(s);
      head(true);
    }
  }

  void parameters(NodeId p, bool force_break) {
    comma_list(p, "(", ")", false, [&](NodeId field) { print_field(field); }, force_break);
  }

  // ---- APIs --------------------------------------------------------------------------------
  void resource(NodeId r) {
    token(first_token(r));  // `resource`
    space();
    for (const NodeId child : children(r)) {
      switch (kind(child)) {
        case NodeKind::Path:
          path(child);
          break;
        case NodeKind::ResourceActions:
          space();
          comma_list(child, "{", "}", true, [&](NodeId action) {
            if (kind(action) != NodeKind::EmittingAction) return leaf(action);
            const std::vector<NodeId> parts = children(action);
            leaf(parts[0]);
            word_and_path("emits", parts[1]);
          });
          break;
        case NodeKind::WithWorkflow:
          space();
          token(first_token(child));  // `with`
          space();
          write("workflow");
          space();
          path(children(child)[0]);
          break;
        default:
          break;
      }
    }
  }

  void operation(NodeId op) {
    const std::vector<NodeId> k = children(op);
    const auto head = [&](bool break_parameters) {
      token(first_token(op));  // `operation`
      space();
      leaf(k[0]);
      parameters(k[1], break_parameters);
      if (k.size() > 2 && kind(k[2]) == NodeKind::ReturnType) {
        space();
        token(first_token(k[2]));  // `->`
        space();
        type_ref(children(k[2])[0]);
      }
    };
    print_head(head, k[1]);
    for (std::size_t i = 2; i < k.size(); ++i) {
      if (kind(k[i]) == NodeKind::Decorator) {
        wrap_item([&] { decorator(k[i]); });
      } else if (kind(k[i]) == NodeKind::ByClause) {
        wrap_item([&] { clause(k[i]); });
      }
    }
  }

  const Tree& tree_;
  const TokenizedBuffer& tokens_;
  std::string_view source_;
  const std::vector<Comment>& comments_;

  std::string out_;
  std::size_t line_begin_ = 0;       // where the current output line starts in out_
  std::size_t next_comment_ = 0;     // the first comment not yet printed
  std::uint32_t src_end_ = 0;        // source offset after the last token or comment printed
  int indent_ = 0;                   // indentation of the current block's members
  int line_indent_ = 0;              // indentation of the current output line
  int cont_indent_ = kIndentStep;    // indentation of the current member's continuation lines
  bool at_line_start_ = true;        // nothing written on the current line yet
  bool space_ = false;               // a space is due before the next text on this line
  bool line_comment_open_ = false;   // the current line ends with a `//` comment
  bool no_wrap_ = false;             // inside a one-line construct: do not wrap
};

}  // namespace

std::string format_tree(const Tree& tree) { return Formatter(tree).run(); }

}  // namespace bpc
