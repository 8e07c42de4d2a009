// Completion that knows where the cursor is. The context comes from the tokens before the cursor
// (which exist even in a half-typed file) and the syntax nodes around it:
//   `@`                  decorators, with their arguments as a snippet
//   `Name.`              the fields of an entity, struct or event; the values of an enum
//   a type position      built-in types and the program's aliases, enums, structs and entities
//                        (after `:`, `<`, `,` inside `<>`, `type X =`, an operation's `->`)
//   in a workflow        states after `->` and `initial` and at a line's start, guards after
//                        `when`, roles after `by`, events after `emits`
//   in a policy          roles after `allow`/`deny`, actions after `to`, targets after `on`
//   in an api            entities after `resource`, actions inside `resource X { }`
//   `import "`           the .bpl files beside the file and below it
//   the top level        declaration keywords, as snippets

#include <algorithm>
#include <filesystem>
#include <set>

#include "check/decorator_catalog.h"
#include "lsp/builtin_types.h"
#include "lsp/features.h"

namespace bpc::lsp {

namespace {

using lowering::DeclarationKind;
using lowering::SymbolIndex;

// LSP's CompletionItemKind numbers.
enum ItemKind : int {
  kText = 1, kMethod = 2, kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kInterface = 8, kModule = 9,
  kProperty = 10, kValue = 12, kEnum = 13, kKeyword = 14, kSnippet = 15, kFile = 17, kEnumMember = 20,
  kConstant = 21, kStruct = 22, kEvent = 23, kTypeParameter = 25
};

int item_kind(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::Alias: return kTypeParameter;
    case DeclarationKind::Enum: return kEnum;
    case DeclarationKind::Struct: return kStruct;
    case DeclarationKind::Entity: return kClass;
    case DeclarationKind::Event: return kEvent;
    case DeclarationKind::Role: return kConstant;
    case DeclarationKind::Policy: case DeclarationKind::Workflow: case DeclarationKind::Api: return kModule;
    case DeclarationKind::Mixin: return kInterface;
    case DeclarationKind::Field: return kField;
    case DeclarationKind::EnumValue: return kEnumMember;
    case DeclarationKind::Operation: return kMethod;
    case DeclarationKind::Guard: case DeclarationKind::Trigger: return kFunction;
  }
  return kText;
}

struct Snippet {
  std::string_view label;
  std::string_view body;
  std::string_view detail;
};

constexpr Snippet kTopLevel[] = {
    {"blueprint", "blueprint ${1:Name} {\n  version \"${2:1.0.0}\"\n}", "the blueprint's header"},
    {"import", "import \"${1:file.bpl}\"", "declarations of another file"},
    {"type", "type ${1:Name} = ${2:string}", "a type alias with constraints"},
    {"enum", "enum ${1:Name} { ${2:first}, ${3:second} }", "an enumeration"},
    {"struct", "struct ${1:Name} {\n  ${2:field}: ${3:string}\n}", "a value type embedded in records"},
    {"entity", "entity ${1:Name} {\n  id: uuid @id @generated\n  ${2:field}: ${3:string}\n}", "a stored record type"},
    {"mixin", "mixin ${1:Name} {\n  ${2:field}: ${3:string}\n}", "fields that entities include with `with`"},
    {"event", "event ${1:Name} {\n  ${2:field}: ${3:string}\n}", "a domain event"},
    {"role", "role ${1:Name}", "a role callers may have"},
    {"policy", "policy {\n  allow ${1:Role} to ${2:*}\n}", "access rules"},
    {"workflow", "workflow ${1:Name} on ${2:Entity}.${3:status} {\n  initial ${4:state}\n  ${5:state} -> ${6:next} on ${7:trigger}\n}",
     "a state machine over an entity's enum field"},
    {"api", "api ${1:Name} at \"${2:/api/v1}\" {\n  resource ${3:Entity} { list, get, create, update, delete }\n}", "an HTTP API"},
    {"handler", "handler ${1:name} on ${2:Event}", "code run when an event is raised"},
    {"intent", "intent ${1|feature,page,component,integration|} \"${2:Title}\" priority ${3|medium,low,high,critical|} {\n  description \"${4}\"\n}",
     "a product intent"},
    {"target", "target ${1|typescript,python,cpp,openapi|} { }", "generation options of one target"},
};

constexpr std::string_view kRecordActions[] = {"list", "get", "create", "update", "delete"};
constexpr std::string_view kPolicyActions[] = {"read", "list", "create", "update", "delete"};

class Collector {
 public:
  explicit Collector(std::string_view prefix) : prefix_(prefix) {}

  void add(std::string_view label, int kind, std::string_view detail, std::string documentation = {}) {
    if (!matches(label) || !seen_.insert(std::string(label)).second) return;
    Json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    if (!documentation.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", std::move(documentation)}};
    items_.push_back(std::move(item));
  }
  void add_snippet(std::string_view label, int kind, std::string_view detail, std::string_view body, std::string documentation = {}) {
    if (!matches(label) || !seen_.insert(std::string(label)).second) return;
    Json item = {{"label", label}, {"kind", kind}, {"insertText", body}, {"insertTextFormat", 2}};
    if (!detail.empty()) item["detail"] = detail;
    if (!documentation.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", std::move(documentation)}};
    items_.push_back(std::move(item));
  }
  void add_item(Json item) { items_.push_back(std::move(item)); }
  Json result() { return {{"isIncomplete", false}, {"items", std::move(items_)}}; }

 private:
  bool matches(std::string_view label) const {
    if (prefix_.size() > label.size()) return false;
    return std::equal(prefix_.begin(), prefix_.end(), label.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
  }

  std::string_view prefix_;
  Json items_ = Json::array();
  std::set<std::string> seen_;
};

void add_declarations(const FileView& view, Collector& out, std::initializer_list<DeclarationKind> kinds) {
  if (view.index == nullptr) return;
  for (const SymbolIndex::Declaration& declaration : view.index->declarations()) {
    if (declaration.parent != SymbolIndex::kNone || declaration.name.empty()) continue;
    if (std::find(kinds.begin(), kinds.end(), declaration.kind) == kinds.end()) continue;
    out.add(declaration.name, item_kind(declaration.kind), lowering::declaration_kind_name(declaration.kind));
  }
}

void add_types(const FileView& view, Collector& out) {
  for (const BuiltinType& type : builtin_types()) out.add(type.name, kKeyword, "built-in type", std::string(type.summary));
  add_declarations(view, out, {DeclarationKind::Alias, DeclarationKind::Enum, DeclarationKind::Struct, DeclarationKind::Entity});
}

void add_members(const FileView& view, Collector& out, std::uint32_t declaration) {
  for (const std::uint32_t member : view.index->members_of(declaration)) {
    const SymbolIndex::Declaration& m = view.index->declaration(member);
    out.add(m.name, item_kind(m.kind), lowering::declaration_kind_name(m.kind));
  }
}

// The declaration a name token refers to: by the index, or by top-level name.
std::optional<std::uint32_t> declaration_named(const FileView& view, const TokenizedBuffer& tokens, TokenIndex name) {
  if (view.index == nullptr) return std::nullopt;
  const Token& token = tokens.token(name);
  if (std::optional<std::uint32_t> found = view.index->at(view.file, token.offset)) return found;
  const std::string_view text = tokens.text(name);
  for (std::uint32_t id = 0; id < view.index->declarations().size(); ++id) {
    const SymbolIndex::Declaration& declaration = view.index->declaration(id);
    if (declaration.parent == SymbolIndex::kNone && declaration.name == text) return id;
  }
  return std::nullopt;
}

// The values of the enum a workflow's state field has.
void add_states(const FileView& view, const Tree& tree, NodeId workflow, Collector& out) {
  if (view.index == nullptr) return;
  const NodeId path = tree.child(workflow, NodeKind::Path);
  if (path.is_none()) return;
  const std::optional<std::uint32_t> field = view.index->at(view.file, tree.end_offset(path));
  if (!field) return;
  const SymbolIndex::Declaration& declaration = view.index->declaration(*field);
  for (const SymbolIndex::Reference& reference : view.index->references_in(declaration.span)) {
    if (view.index->declaration(reference.declaration).kind == DeclarationKind::Enum) {
      add_members(view, out, reference.declaration);
      return;
    }
  }
}

// The members a workflow declares of one kind (its guards, its triggers).
void add_workflow_members(const FileView& view, NodeId workflow, const Tree& tree, DeclarationKind kind, Collector& out) {
  if (view.index == nullptr) return;
  const std::uint32_t begin = tree.begin_offset(workflow), end = tree.end_offset(workflow);
  for (const SymbolIndex::Declaration& declaration : view.index->declarations()) {
    if (declaration.kind == kind && declaration.name_span.file == view.file && declaration.name_span.begin >= begin &&
        declaration.name_span.end <= end) {
      out.add(declaration.name, item_kind(kind), lowering::declaration_kind_name(kind));
    }
  }
}

void add_import_paths(const FileView& view, const Token& string, std::uint32_t offset, Collector& out) {
  namespace fs = std::filesystem;
  const std::string& path = view.source.path();
  if (!path.starts_with('/') || path.starts_with("/.bpc-virtual/")) return;
  const fs::path directory = fs::path(path).parent_path();
  std::vector<std::string> found;
  std::error_code error;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, error), end;
  constexpr std::size_t kMaxFiles = 500;
  for (; !error && it != end && found.size() < kMaxFiles; it.increment(error)) {
    if (it.depth() > 3) it.disable_recursion_pending();
    const std::string name = it->path().filename().string();
    if (it->is_directory(error) && (name.starts_with('.') || name == "node_modules" || name == "build" || name == "out")) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(error) || it->path().extension() != ".bpl" || it->path() == fs::path(path)) continue;
    found.push_back(fs::relative(it->path(), directory, error).generic_string());
  }
  std::sort(found.begin(), found.end());
  const Range replace = view.range(string.offset + 1, offset);
  for (const std::string& file : found) {
    out.add_item({{"label", file}, {"kind", kFile}, {"textEdit", text_edit_json(replace, file)}});
  }
}

}  // namespace

Json completion(const FileView& view, Position position) {
  if (view.parsed == nullptr) return {{"isIncomplete", false}, {"items", Json::array()}};
  const TokenizedBuffer& tokens = *view.parsed->tokens;
  const Tree& tree = *view.parsed->tree;
  const std::uint32_t offset = view.offset(position);

  // Inside an import's string (one not yet closed runs to the end of its line).
  const TokenIndex inside = token_at(tokens, offset);
  if (!inside.is_none() && tokens.token(inside).kind() == TokenKind::String) {
    const Token& string = tokens.token(inside);
    const std::string_view text = tokens.text(inside);
    const bool closed = text.size() >= 2 && text.back() == '"';
    if (string.offset < offset && (offset < string.end() || !closed)) {
      Collector out("");
      if (inside.index > 0 && tokens.token(TokenIndex{inside.index - 1}).kind() == TokenKind::KeywordImport) {
        add_import_paths(view, string, offset, out);
      }
      return out.result();
    }
  }
  // The word being typed, and the token before it.
  TokenIndex previous = token_before(tokens, offset);
  std::string_view prefix;
  if (!previous.is_none() && is_name(tokens.token(previous).kind()) && tokens.token(previous).end() == offset) {
    prefix = tokens.text(previous);
    previous = previous.index > 0 ? TokenIndex{previous.index - 1} : TokenIndex::none();
  }

  Collector out(prefix);
  const TokenKind before = previous.is_none() ? TokenKind::EndOfFile : tokens.token(previous).kind();
  const std::vector<NodeId> chain = ancestors_at(tree, prefix.empty() ? offset : offset - static_cast<std::uint32_t>(prefix.size()));
  const auto within = [&](NodeKind kind) {
    return std::any_of(chain.begin(), chain.end(), [&](NodeId node) { return tree.kind(node) == kind; });
  };
  const auto innermost = [&](NodeKind kind) {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if (tree.kind(*it) == kind) return *it;
    }
    return NodeId::none();
  };

  if (before == TokenKind::At_) {
    for (const lowering::DecoratorDoc& doc : lowering::decorator_catalog()) {
      std::string documentation = std::string(doc.summary) + "\n\n*applies to " + std::string(doc.applies_to) + "*";
      if (doc.signature.empty()) {
        out.add(doc.name, kProperty, "@" + std::string(doc.name), std::move(documentation));
      } else {
        out.add_snippet(doc.name, kProperty, "@" + std::string(doc.name) + std::string(doc.signature),
                        std::string(doc.name) + "($1)", std::move(documentation));
      }
    }
    return out.result();
  }
  if (before == TokenKind::Dot && previous.index > 0) {
    const TokenIndex owner{previous.index - 1};
    if (is_name(tokens.token(owner).kind())) {
      if (const std::optional<std::uint32_t> declaration = declaration_named(view, tokens, owner)) {
        add_members(view, out, *declaration);
      }
    }
    return out.result();
  }

  const NodeId workflow = innermost(NodeKind::WorkflowDecl);
  if (!workflow.is_none() && before != TokenKind::Colon) {
    if (before == TokenKind::Arrow || before == TokenKind::KeywordInitial || before == TokenKind::RightBrace ||
        (before == TokenKind::Comma && within(NodeKind::SourceStates)) || tokens.starts_line(TokenIndex{previous.index + 1}) ||
        before == TokenKind::LeftBrace) {
      add_states(view, tree, workflow, out);
      if (before != TokenKind::Arrow && before != TokenKind::KeywordInitial && before != TokenKind::Comma) {
        out.add("initial", kKeyword, "the state new records start in");
        out.add("guard", kKeyword, "a named condition transitions may require");
      }
      return out.result();
    }
    if (before == TokenKind::KeywordWhen) {
      add_workflow_members(view, workflow, tree, DeclarationKind::Guard, out);
      return out.result();
    }
    if (before == TokenKind::KeywordBy || (before == TokenKind::Comma && within(NodeKind::ByClause))) {
      add_declarations(view, out, {DeclarationKind::Role});
      return out.result();
    }
    if (before == TokenKind::KeywordEmits || (before == TokenKind::Comma && within(NodeKind::EmitsClause))) {
      add_declarations(view, out, {DeclarationKind::Event});
      return out.result();
    }
    if (before == TokenKind::KeywordOn) {
      add_workflow_members(view, workflow, tree, DeclarationKind::Trigger, out);
      return out.result();
    }
  }

  if (within(NodeKind::PolicyDecl) || before == TokenKind::KeywordAllow || before == TokenKind::KeywordDeny) {
    const bool rule_start = before == TokenKind::KeywordAllow || before == TokenKind::KeywordDeny ||
                            (before == TokenKind::Comma && !within(NodeKind::ActionSet) && !within(NodeKind::OnClause));
    if (rule_start) {
      add_declarations(view, out, {DeclarationKind::Role});
      return out.result();
    }
    if (before == TokenKind::KeywordTo || (before == TokenKind::LeftBracket) || (before == TokenKind::Comma && within(NodeKind::ActionSet))) {
      for (std::string_view action : kPolicyActions) out.add(action, kKeyword, "record action");
      add_declarations(view, out, {});
      if (view.index != nullptr) {
        for (const SymbolIndex::Declaration& declaration : view.index->declarations()) {
          if (declaration.kind == DeclarationKind::Operation || declaration.kind == DeclarationKind::Trigger) {
            out.add(declaration.name, item_kind(declaration.kind), lowering::declaration_kind_name(declaration.kind));
          }
        }
      }
      return out.result();
    }
    if (before == TokenKind::KeywordOn || (before == TokenKind::Comma && within(NodeKind::OnClause))) {
      add_declarations(view, out, {DeclarationKind::Entity, DeclarationKind::Api, DeclarationKind::Workflow});
      return out.result();
    }
    if (before == TokenKind::KeywordWhen) return out.result();  // a predicate's name is new text
    if (within(NodeKind::PolicyDecl)) {
      out.add("allow", kKeyword, "grant actions to roles");
      out.add("deny", kKeyword, "refuse actions to roles (deny wins)");
      return out.result();
    }
  }

  if (before == TokenKind::KeywordResource || before == TokenKind::KeywordHandler) {
    add_declarations(view, out, {DeclarationKind::Entity});
    return out.result();
  }
  if (within(NodeKind::ResourceActions) || (before == TokenKind::LeftBrace && within(NodeKind::Resource))) {
    for (std::string_view action : kRecordActions) out.add(action, kKeyword, "resource action");
    return out.result();
  }
  if (before == TokenKind::KeywordWith && within(NodeKind::Resource)) {
    out.add("workflow", kKeyword, "the workflow whose transitions the resource serves");
    return out.result();
  }
  if (before == TokenKind::KeywordWorkflow && within(NodeKind::Resource)) {
    add_declarations(view, out, {DeclarationKind::Workflow});
    return out.result();
  }
  if (before == TokenKind::KeywordWith) {
    add_declarations(view, out, {DeclarationKind::Mixin});
    return out.result();
  }
  if (before == TokenKind::KeywordEmits || before == TokenKind::KeywordOn) {
    add_declarations(view, out, {DeclarationKind::Event});
    return out.result();
  }

  const bool type_position =
      before == TokenKind::Colon || before == TokenKind::Less || before == TokenKind::Equal ||
      (before == TokenKind::Arrow && within(NodeKind::Operation)) ||
      (before == TokenKind::Comma && within(NodeKind::TypeArguments));
  if (type_position) {
    if (before == TokenKind::Equal && !within(NodeKind::TypeDecl)) return out.result();  // a default value
    add_types(view, out);
    return out.result();
  }

  // A declaration's start at the top level.
  const bool top_level = chain.size() <= 1 || (chain.size() == 2 && before == TokenKind::RightBrace);
  if (top_level) {
    for (const Snippet& snippet : kTopLevel) out.add_snippet(snippet.label, kSnippet, snippet.detail, snippet.body);
    return out.result();
  }
  if (within(NodeKind::FieldBlock) && within(NodeKind::EntityDecl)) {
    out.add("unique", kKeyword, "`unique (a, b)`: no two records share these fields together");
    out.add("index", kKeyword, "`index (a, b)`: a database index over these fields");
  }
  return out.result();
}

}  // namespace bpc::lsp
