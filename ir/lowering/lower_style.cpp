// Phase 6: style warnings. Naming conventions (each with a rename fix on the declaration) and
// names that are reserved words in a target language (the backend will mangle them).

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "ir/lowering/lowerer.h"

namespace bpc::lowering {

namespace {

bool is_pascal(std::string_view name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name[0])) &&
         name.find('_') == std::string_view::npos;
}
bool is_camel(std::string_view name) {
  return !name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
         name.find('_') == std::string_view::npos;
}
bool is_snake(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
           return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
         }) && std::islower(static_cast<unsigned char>(name[0]));
}

// Splits into words at underscores and lower-to-upper boundaries: "HTTP_status" -> http, status.
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> result;
  std::string word;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_') {
      if (!word.empty()) result.push_back(std::move(word));
      word.clear();
      continue;
    }
    const bool upper = std::isupper(static_cast<unsigned char>(c));
    const bool after_lower = i > 0 && (std::islower(static_cast<unsigned char>(name[i - 1])) ||
                                       std::isdigit(static_cast<unsigned char>(name[i - 1])));
    const bool before_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
    const bool acronym_end = i > 0 && std::isupper(static_cast<unsigned char>(name[i - 1])) && before_lower;
    if (upper && (after_lower || acronym_end) && !word.empty()) {
      result.push_back(std::move(word));
      word.clear();
    }
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!word.empty()) result.push_back(std::move(word));
  return result;
}

std::string to_pascal(std::string_view name) {
  std::string out;
  for (std::string word : words(name)) {
    word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    out += word;
  }
  return out.empty() ? std::string(name) : out;
}

std::string to_camel(std::string_view name) {
  std::string out = to_pascal(name);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

struct ReservedWords {
  std::string_view language;
  std::vector<std::string_view> words;
};

const std::vector<ReservedWords>& reserved_words() {
  static const std::vector<ReservedWords> kReserved = {
      {"TypeScript",
       {"break", "case", "catch", "class", "const", "constructor", "continue", "debugger", "default",
        "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function",
        "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this",
        "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static",
        "implements", "interface", "package", "private", "protected", "public", "await",
        "__proto__", "prototype"}},
      {"Python",
       {"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", "self"}},
      {"C++",
       {"alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char",
        "class", "concept", "const", "consteval", "constexpr", "continue", "co_await", "decltype",
        "default", "delete", "do", "double", "else", "enum", "explicit", "export", "extern",
        "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable",
        "namespace", "new", "noexcept", "not", "nullptr", "operator", "or", "private",
        "protected", "public", "register", "requires", "return", "short", "signed", "sizeof",
        "static", "struct", "switch", "template", "this", "throw", "true", "try", "typedef",
        "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
        "while", "xor"}},
  };
  return kReserved;
}

// The reserved words, each with the languages (bit i: reserved_words()[i]) that reserve it,
// grouped by length and first letter: every field and operation name is looked up, and most
// groups hold no word or one, so a lookup is a comparison or two and no hashing.
class ReservedIndex {
 public:
  ReservedIndex() {
    const auto& languages = reserved_words();
    for (const ReservedWords& language : languages) {
      for (std::string_view word : language.words) longest_ = std::max(longest_, word.size());
    }
    groups_.resize((longest_ + 1) * 256);
    for (std::size_t i = 0; i < languages.size(); ++i) {
      for (std::string_view word : languages[i].words) {
        std::vector<std::pair<std::string_view, std::uint8_t>>& group = groups_[slot(word)];
        const auto known = std::find_if(group.begin(), group.end(), [&](const auto& entry) { return entry.first == word; });
        if (known != group.end()) {
          known->second |= static_cast<std::uint8_t>(1u << i);
        } else {
          group.emplace_back(word, static_cast<std::uint8_t>(1u << i));
        }
      }
    }
  }
  // The languages that reserve `name`; 0 when none does.
  std::uint8_t languages(std::string_view name) const {
    if (name.empty() || name.size() > longest_) return 0;
    for (const auto& [word, languages] : groups_[slot(name)]) {
      if (word == name) return languages;
    }
    return 0;
  }

 private:
  static std::size_t slot(std::string_view word) {
    return word.size() * 256 + static_cast<unsigned char>(word[0]);
  }
  std::size_t longest_ = 0;
  std::vector<std::vector<std::pair<std::string_view, std::uint8_t>>> groups_;  // by slot()
};

const ReservedIndex& reserved_index() {
  static const ReservedIndex kIndex;
  return kIndex;
}

}  // namespace

// `rename` is only called for a name that breaks the convention (most names do not).
void Lowerer::warn_convention(Site declaration, std::string_view what, std::string_view name, bool ok,
                              std::string_view convention, std::string (*rename)(std::string_view)) {
  if (ok) return;
  const std::string better = rename(name);
  if (better == name) return;
  const Site name_site{declaration.file, name_node(declaration)};
  if (name_site.node.is_none()) return;
  (void)report(DiagnosticKind::NamingConvention, name_site, what, name, fmt::format("{}: `{}`", convention, better))
      .fix(fmt::format("rename to `{}`", better), {TextEdit{span(name_site), better}});
}

// `where` (the name's span) is only computed for a reserved name (few are).
void Lowerer::warn_reserved(std::string_view name, const std::function<SourceSpan()>& where) {
  const std::uint8_t reserved_by = reserved_index().languages(name);
  if (reserved_by == 0) return;
  std::vector<std::string_view> languages;
  for (std::size_t i = 0; i < reserved_words().size(); ++i) {
    if (reserved_by & (1u << i)) languages.push_back(reserved_words()[i].language);
  }
  (void)diagnostics_.report(DiagnosticKind::ReservedWord, where(), name, fmt::format("{}", fmt::join(languages, ", ")))
      .note(fmt::format("the generated code calls it `{}_` there; JSON and URLs keep `{}`", name, name));
}

void Lowerer::check_field_style(ir::FieldId id, Site site) {
  const ir::Field& field = module_.field(id);
  const bool parameter =
      field.owner.kind == ir::FieldOwner::Kind::Operation || field.owner.kind == ir::FieldOwner::Kind::Transition;
  warn_convention(site, parameter ? "parameter" : "field", field.name, is_camel(field.name), "camelCase", to_camel);
  warn_reserved(field.name, [&] { return span(Site{site.file, name_node(site)}); });
}

void Lowerer::check_style() {
  const auto pascal = [&](const std::vector<Site>& sites, std::string_view what) {
    for (const Site& site : sites) {
      const std::string_view name = name_of(site);
      warn_convention(site, what, name, is_pascal(name), "PascalCase", to_pascal);
    }
  };
  pascal(alias_sites_, "type");
  pascal(enum_sites_, "enum");
  pascal(struct_sites_, "struct");
  pascal(entity_sites_, "entity");
  pascal(event_sites_, "event");
  pascal(role_sites_, "role");
  pascal(workflow_sites_, "workflow");
  pascal(api_sites_, "API");
  for (const Site& site : policy_sites_) {
    const std::string_view name = name_of(site);
    if (!name.empty()) warn_convention(site, "policy", name, is_pascal(name), "PascalCase", to_pascal);
  }
  // Guards, triggers and policy conditions: camelCase, each reported at its first use.
  std::set<std::string_view> seen;
  const auto camel_name = [&](Site site, std::string_view what) {
    const std::string_view name = tree(site.file).text(site.node);
    if (is_camel(name) || !seen.insert(name).second) return;
    const std::string better = to_camel(name);
    if (better == name) return;
    (void)report(DiagnosticKind::NamingConvention, site, what, name, fmt::format("camelCase: `{}`", better))
        .fix(fmt::format("rename to `{}`", better), {TextEdit{span(site), better}});
  };
  for (const Site& site : workflow_sites_) {
    const Tree& t = tree(site.file);
    for (NodeId item : t.children(site.node)) {
      if (t.kind(item) == NodeKind::GuardDecl) camel_name(Site{site.file, t.child(item, NodeKind::Name)}, "guard");
      if (t.kind(item) != NodeKind::Transition) continue;
      const NodeId trigger = t.child(item, NodeKind::Trigger);
      camel_name(Site{site.file, t.child(trigger, NodeKind::Name)}, "trigger");
    }
  }
  for (const Site& site : policy_sites_) {
    const Tree& t = tree(site.file);
    for (NodeId rule : t.children(site.node)) {
      const NodeId when = t.child(rule, NodeKind::WhenClause);
      if (!when.is_none()) camel_name(Site{site.file, t.child(when, NodeKind::Name)}, "policy condition");
    }
  }
  for (std::uint32_t i = 0; i < module_.operations.size(); ++i) {
    const std::string_view name = module_.operations[i].name;
    warn_convention(operation_sites_[i], "operation", name, is_camel(name), "camelCase", to_camel);
  }
  for (std::uint32_t e = 0; e < module_.enums.size(); ++e) {
    const ir::Enum& enumeration = module_.enums[e];
    const bool all_camel = std::all_of(enumeration.values.begin(), enumeration.values.end(),
                                       [](const ir::EnumValue& v) { return is_camel(v.name); });
    const bool all_snake = std::all_of(enumeration.values.begin(), enumeration.values.end(),
                                       [](const ir::EnumValue& v) { return is_snake(v.name); });
    if (all_camel || all_snake) continue;
    const Site site = enum_sites_[e];
    (void)report(DiagnosticKind::NamingConvention, Site{site.file, name_node(site)}, "the values of enum",
                 enumeration.name, "lower camelCase or snake_case, one style for the whole enum");
  }

  // Reserved words, for names that become identifiers in generated code.
  for (std::uint32_t i = 0; i < module_.operations.size(); ++i) {
    const Site site = operation_sites_[i];
    warn_reserved(module_.operations[i].name, [&] { return span(Site{site.file, name_node(site)}); });
  }
  // Declarations become classes, enums and modules; triggers become methods.
  for (const std::vector<Site>* sites : {&alias_sites_, &enum_sites_, &struct_sites_, &entity_sites_, &event_sites_,
                                         &role_sites_, &workflow_sites_, &api_sites_}) {
    for (const Site& site : *sites) {
      warn_reserved(name_of(site), [&] { return span(Site{site.file, name_node(site)}); });
    }
  }
  for (const Site& site : workflow_sites_) {
    const Tree& t = tree(site.file);
    std::set<std::string_view> triggers;
    for (NodeId item : t.children_of_kind(site.node, NodeKind::Transition)) {
      const NodeId name = t.child(t.child(item, NodeKind::Trigger), NodeKind::Name);
      if (triggers.insert(t.text(name)).second) {
        warn_reserved(t.text(name), [&] { return span(Site{site.file, name}); });
      }
    }
  }
  for (std::uint32_t e = 0; e < module_.enums.size(); ++e) {
    const Tree& t = tree(enum_sites_[e].file);
    for (NodeId value : t.children_of_kind(enum_sites_[e].node, NodeKind::EnumValue)) {
      const Site value_site{enum_sites_[e].file, value};
      warn_reserved(name_of(value_site), [&] { return span(Site{value_site.file, name_node(value_site)}); });
    }
  }
}

}  // namespace bpc::lowering
