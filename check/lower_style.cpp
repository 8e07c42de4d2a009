// Phase 6: style warnings. Naming conventions (each with a rename fix on the declaration, named by
// base/casing.h) and names that are reserved words in a selected target's language (the backend
// will mangle them; the tables are base/reserved_words.h, the backends' own).

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "base/casing.h"
#include "base/reserved_words.h"
#include "check/lowerer.h"

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

}  // namespace

// The reserved words of the selected target languages (base/reserved_words.h), each with the
// (language, kind) pairs that reserve it as bits (bit 2 * language + kind), grouped by length and
// first letter: every field and operation name is looked up, and most groups hold no word or one,
// so a lookup is a comparison or two and no hashing.
class ReservedIndex {
 public:
  explicit ReservedIndex(std::uint8_t languages) {
    for (int language = 0; language < kTargetLanguageCount; ++language) {
      if ((languages & (1u << language)) == 0) continue;
      for (const NameKind kind : {NameKind::Value, NameKind::Type}) {
        for (std::string_view word : reserved_words(static_cast<TargetLanguage>(language), kind)) {
          longest_ = std::max(longest_, word.size());
        }
      }
    }
    groups_.resize((longest_ + 1) * 256);
    for (int language = 0; language < kTargetLanguageCount; ++language) {
      if ((languages & (1u << language)) == 0) continue;
      for (const NameKind kind : {NameKind::Value, NameKind::Type}) {
        const auto bit = static_cast<std::uint8_t>(1u << (2 * language + static_cast<int>(kind)));
        for (std::string_view word : reserved_words(static_cast<TargetLanguage>(language), kind)) {
          auto& group = groups_[slot(word)];
          const auto known = std::find_if(group.begin(), group.end(), [&](const auto& e) { return e.first == word; });
          if (known != group.end()) {
            known->second |= bit;
          } else {
            group.emplace_back(word, bit);
          }
        }
      }
    }
  }
  // The (language, kind) bits that reserve `name`; 0 when none does.
  std::uint8_t reserving(std::string_view name) const {
    if (name.empty() || name.size() > longest_) return 0;
    for (const auto& [word, bits] : groups_[slot(name)]) {
      if (word == name) return bits;
    }
    return 0;
  }

 private:
  static std::size_t slot(std::string_view word) { return word.size() * 256 + static_cast<unsigned char>(word[0]); }
  std::size_t longest_ = 0;
  std::vector<std::vector<std::pair<std::string_view, std::uint8_t>>> groups_;  // by slot()
};

// `rename` is only called for a name that breaks the convention (most names do not).
void Lowerer::warn_convention(Site declaration, std::string_view what, std::string_view name, bool ok,
                              std::string_view convention, std::string (*rename)(std::string_view)) {
  if (ok) return;
  const std::string better = rename(name);
  if (better == name) return;
  const Site name_site{declaration.file, name_node(declaration)};
  if (name_site.node.is_none()) return;
  (void)report<DiagnosticKind::NamingConvention>(name_site, what, name, fmt::format("{}: `{}`", convention, better))
      .fix(fmt::format("rename to `{}`", better), {TextEdit{span(name_site), better}});
}

// The languages whose reserved words are warned about: those of the blueprint's `target` blocks
// and of the targets the command selects (`all`: every language). A blueprint that selects none
// gets no reserved-word warnings: nothing will be generated from it.
std::uint8_t Lowerer::reserved_word_languages() {
  if (reserved_languages_) return *reserved_languages_;
  std::uint8_t languages = 0;
  const auto select = [&](std::string_view target) {
    if (target == "all") languages = (1u << kTargetLanguageCount) - 1;
    if (const auto language = language_of_target(target)) languages |= static_cast<std::uint8_t>(1u << static_cast<int>(*language));
  };
  for (const Site& site : target_sites_) select(name_of(site));
  if (options_.selected_targets != nullptr) {
    for (const std::string& target : *options_.selected_targets) select(target);
  }
  reserved_languages_ = languages;
  if (languages != 0) reserved_index_ = std::make_shared<const ReservedIndex>(languages);
  return languages;
}

// `where` (the name's span) is only computed for a reserved name (few are).
void Lowerer::warn_reserved(std::string_view name, NameKind kind, const std::function<SourceSpan()>& where) {
  if (reserved_word_languages() == 0) return;
  const std::uint8_t bits = reserved_index_->reserving(name);
  if (bits == 0) return;
  std::vector<std::string_view> languages;
  for (int language = 0; language < kTargetLanguageCount; ++language) {
    // A type name is reserved by the type list, which includes the value list.
    const bool reserved = (bits & (1u << (2 * language + static_cast<int>(kind)))) != 0 ||
                          (kind == NameKind::Type && (bits & (1u << (2 * language))) != 0);
    if (reserved) languages.push_back(language_name(static_cast<TargetLanguage>(language)));
  }
  if (languages.empty()) return;
  (void)diagnostics_.report<DiagnosticKind::ReservedWord>(where(), name, fmt::format("{}", fmt::join(languages, ", ")))
      .note(fmt::format("the generated code calls it `{}_` there; JSON and URLs keep `{}`", name, name));
}

void Lowerer::check_field_style(ir::FieldId id, Site site) {
  const ir::Field& field = module_.field(id);
  const bool parameter =
      field.owner.kind == ir::FieldOwner::Kind::Operation || field.owner.kind == ir::FieldOwner::Kind::Transition;
  warn_convention(site, parameter ? "parameter" : "field", field.name, is_camel(field.name), "camelCase", to_camel_case);
  warn_reserved(field.name, NameKind::Value, [&] { return span(Site{site.file, name_node(site)}); });
}

namespace {

// What to do about an enum whose values break BP2402: rename the first value that is in neither
// style, keeping its spelling on the wire with `@value` (an ISO code such as `EUR` stays `EUR`), or
// name the two values whose styles differ.
std::string enum_style_advice(const ir::Enum& enumeration) {
  const auto snake_word = [](const ir::EnumValue& v) { return is_snake(v.name) && !is_camel(v.name); };
  const bool snake = std::any_of(enumeration.values.begin(), enumeration.values.end(), snake_word);
  for (const ir::EnumValue& value : enumeration.values) {
    if (is_camel(value.name) || is_snake(value.name)) continue;
    const std::string better = snake ? to_snake_case(value.name) : to_camel_case(value.name);
    if (better.empty() || better == value.name) continue;  // no letters, or a leading `_` the conversion keeps
    const auto taken = [&](const ir::EnumValue& other) { return other.name == better; };
    if (std::any_of(enumeration.values.begin(), enumeration.values.end(), taken)) continue;  // `{ EUR, eur }`
    if (value.wire) return fmt::format("rename `{}` to `{}`; its `@value` keeps its spelling on the wire", value.name, better);
    return fmt::format("to keep `{0}` on the wire and in stores, name the value `{1}` and write `{1} @value(\"{0}\")`",
                       value.name, better);
  }
  const auto camel_word = [](const ir::EnumValue& v) { return is_camel(v.name) && !is_snake(v.name); };
  const auto camel = std::find_if(enumeration.values.begin(), enumeration.values.end(), camel_word);
  const auto snakes = std::find_if(enumeration.values.begin(), enumeration.values.end(), snake_word);
  if (camel == enumeration.values.end() || snakes == enumeration.values.end()) {
    return "name each value in lower camelCase (`inProgress`) or snake_case (`in_progress`)";
  }
  return fmt::format("`{}` is camelCase and `{}` snake_case", camel->name, snakes->name);
}

}  // namespace

void Lowerer::check_style() {
  const auto pascal = [&](const std::vector<Site>& sites, std::string_view what) {
    for (const Site& site : sites) {
      const std::string_view name = name_of(site);
      warn_convention(site, what, name, is_pascal(name), "PascalCase", to_pascal_case);
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
    if (!name.empty()) warn_convention(site, "policy", name, is_pascal(name), "PascalCase", to_pascal_case);
  }
  // Guards, triggers and policy conditions: camelCase, each reported at its first use.
  std::set<std::string_view> seen;
  const auto camel_name = [&](Site site, std::string_view what) {
    const std::string_view name = tree(site.file).text(site.node);
    if (is_camel(name) || !seen.insert(name).second) return;
    const std::string better = to_camel_case(name);
    if (better == name) return;
    (void)report<DiagnosticKind::NamingConvention>(site, what, name, fmt::format("camelCase: `{}`", better))
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
    warn_convention(operation_sites_[i], "operation", name, is_camel(name), "camelCase", to_camel_case);
  }
  for (std::uint32_t e = 0; e < module_.enums.size(); ++e) {
    const ir::Enum& enumeration = module_.enums[e];
    const bool all_camel = std::all_of(enumeration.values.begin(), enumeration.values.end(),
                                       [](const ir::EnumValue& v) { return is_camel(v.name); });
    const bool all_snake = std::all_of(enumeration.values.begin(), enumeration.values.end(),
                                       [](const ir::EnumValue& v) { return is_snake(v.name); });
    if (all_camel || all_snake) continue;
    const Site site = enum_sites_[e];
    (void)report<DiagnosticKind::NamingConvention>(Site{site.file, name_node(site)}, "the values of enum",
                 enumeration.name, "lower camelCase or snake_case, one style for the whole enum")
        .note(enum_style_advice(enumeration));
  }

  // Reserved words, for names that become identifiers in generated code.
  for (std::uint32_t i = 0; i < module_.operations.size(); ++i) {
    const Site site = operation_sites_[i];
    warn_reserved(module_.operations[i].name, NameKind::Value, [&] { return span(Site{site.file, name_node(site)}); });
  }
  // Declarations become classes, enums and modules; triggers become methods.
  for (const std::vector<Site>* sites : {&alias_sites_, &enum_sites_, &struct_sites_, &entity_sites_, &event_sites_,
                                         &role_sites_, &workflow_sites_, &api_sites_}) {
    for (const Site& site : *sites) {
      warn_reserved(name_of(site), NameKind::Type, [&] { return span(Site{site.file, name_node(site)}); });
    }
  }
  for (const Site& site : workflow_sites_) {
    const Tree& t = tree(site.file);
    std::set<std::string_view> triggers;
    for (NodeId item : t.children_of_kind(site.node, NodeKind::Transition)) {
      const NodeId name = t.child(t.child(item, NodeKind::Trigger), NodeKind::Name);
      if (triggers.insert(t.text(name)).second) {
        warn_reserved(t.text(name), NameKind::Value, [&] { return span(Site{site.file, name}); });
      }
    }
  }
  for (std::uint32_t e = 0; e < module_.enums.size(); ++e) {
    const Tree& t = tree(enum_sites_[e].file);
    for (NodeId value : t.children_of_kind(enum_sites_[e].node, NodeKind::EnumValue)) {
      const Site value_site{enum_sites_[e].file, value};
      warn_reserved(name_of(value_site), NameKind::Value, [&] { return span(Site{value_site.file, name_node(value_site)}); });
    }
  }
}

}  // namespace bpc::lowering
