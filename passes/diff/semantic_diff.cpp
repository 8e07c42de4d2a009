#include "passes/diff/semantic_diff.h"

#include "base/decimal.h"
#include "frontend/literals/string_literal.h"
#include "ir/list_query.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace bpc::diff {

namespace {

constexpr ChangeKindInfo kChangeKinds[] = {
#define BPC_CHANGE_KIND(name, id, summary) {id, summary},
#include "passes/diff/change_kinds.def"
#undef BPC_CHANGE_KIND
};

}  // namespace

const ChangeKindInfo& info(ChangeKind kind) { return kChangeKinds[static_cast<std::size_t>(kind)]; }

const std::vector<ChangeKind>& all_change_kinds() {
  static const std::vector<ChangeKind> kinds = [] {
    std::vector<ChangeKind> result;
    for (std::size_t i = 0; i < std::size(kChangeKinds); ++i) result.push_back(static_cast<ChangeKind>(i));
    return result;
  }();
  return kinds;
}

std::string_view category_name(Category category) {
  switch (category) {
    case Category::Wire: return "WIRE";
    case Category::Http: return "HTTP";
    case Category::Source: return "SOURCE";
  }
  return "?";
}

bool parse_category(std::string_view name, Category& category) {
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (Category candidate : {Category::Wire, Category::Http, Category::Source}) {
    if (upper == category_name(candidate)) {
      category = candidate;
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> Categories::list() const {
  std::vector<std::string_view> names;
  for (Category category : {Category::Wire, Category::Http, Category::Source}) {
    if (contains(category)) names.push_back(category_name(category));
  }
  return names;
}

std::string Categories::names() const { return fmt::format("{}", fmt::join(list(), ",")); }

namespace {

const Categories kNone;
const Categories kWire = Category::Wire;
const Categories kHttp = Category::Http;
const Categories kSource = Category::Source;

// Types and values nest as deep as the user writes them; past this depth they are elided.
constexpr int kMaxDepth = 64;

// ---- types and values --------------------------------------------------------------------------

// A type as a comparable string. Declared types carry their kind, so a struct and an entity of
// the same name differ; with `resolve_aliases`, aliases are replaced by what they name, which
// gives the type's JSON shape.
std::string signature(const ir::Module& m, ir::TypeId id, bool resolve_aliases, int depth = 0) {
  if (id.is_none()) return "none";
  if (depth > kMaxDepth) return "...";
  const ir::Type& type = m.type(id);
  switch (type.kind) {
    case ir::Type::Kind::Scalar: return std::string(ir::scalar_name(type.scalar));
    case ir::Type::Kind::Alias:
      if (resolve_aliases) return signature(m, m.aliases[type.declaration].target, true, depth + 1);
      return "alias " + m.aliases[type.declaration].name;
    case ir::Type::Kind::Enum: return "enum " + m.enums[type.declaration].name;
    case ir::Type::Kind::Struct: return "struct " + m.structs[type.declaration].name;
    case ir::Type::Kind::Entity: return "entity " + m.entities[type.declaration].name;
    case ir::Type::Kind::Optional: return signature(m, type.element, resolve_aliases, depth + 1) + "?";
    case ir::Type::Kind::List: return "list<" + signature(m, type.element, resolve_aliases, depth + 1) + ">";
    case ir::Type::Kind::Map: return "map<" + signature(m, type.element, resolve_aliases, depth + 1) + ">";
  }
  return "?";
}

std::string display(const ir::Module& m, ir::TypeId id) {
  return id.is_none() ? "nothing" : fmt::format("`{}`", ir::type_name(m, id));
}

// The type without its top-level `?`.
ir::TypeId strip_optional(const ir::Module& m, ir::TypeId id) {
  if (!id.is_none() && m.type(id).kind == ir::Type::Kind::Optional) return m.type(id).element;
  return id;
}

// The type below any aliases and `?`: what gives a value its shape.
ir::TypeId core(const ir::Module& m, ir::TypeId id) {
  for (int depth = 0; !id.is_none() && depth <= kMaxDepth; ++depth) {
    const ir::Type& type = m.type(id);
    if (type.kind == ir::Type::Kind::Optional) {
      id = type.element;
    } else if (type.kind == ir::Type::Kind::Alias) {
      id = m.aliases[type.declaration].target;
    } else {
      break;
    }
  }
  return id;
}

bool is_optional(const ir::Module& m, ir::TypeId id) {
  for (int depth = 0; !id.is_none() && depth <= kMaxDepth; ++depth) {
    const ir::Type& type = m.type(id);
    if (type.kind == ir::Type::Kind::Optional) return true;
    if (type.kind != ir::Type::Kind::Alias) return false;
    id = m.aliases[type.declaration].target;
  }
  return false;
}

std::string quote(std::string_view text) { return quote_string_literal(text); }

std::string value_text(const ir::Value& value, int depth = 0) {
  if (depth > kMaxDepth) return "...";
  switch (value.kind) {
    case ir::Value::Kind::Null: return "null";
    case ir::Value::Kind::Bool: return value.boolean ? "true" : "false";
    case ir::Value::Kind::Integer: return std::to_string(value.integer);
    case ir::Value::Kind::Number: return value.text;
    case ir::Value::Kind::String: return quote(value.text);
    case ir::Value::Kind::Name: return value.text;
    case ir::Value::Kind::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += value_text(value.items[i], depth + 1);
      }
      return out + "]";
    }
    case ir::Value::Kind::Object: {
      std::string out = "{";
      for (std::size_t i = 0; i < value.entries.size(); ++i) {
        if (i > 0) out += ", ";
        out += value.entries[i].first + ": " + value_text(value.entries[i].second, depth + 1);
      }
      return out + "}";
    }
  }
  return "?";
}

// Constraints and default of a field or parameter including those of the aliases its type goes
// through: what actually applies to its values.
struct Effective {
  ir::Constraints constraints;
  std::optional<ir::Value> default_value;
};

Effective effective(const ir::Module& m, ir::TypeId id, const ir::Constraints& own,
                    const std::optional<ir::Value>& own_default) {
  Effective result{own, own_default};
  ir::Constraints& c = result.constraints;
  for (int depth = 0; !id.is_none() && depth <= kMaxDepth; ++depth) {
    const ir::Type& type = m.type(id);
    if (type.kind == ir::Type::Kind::Optional) {
      id = type.element;
      continue;
    }
    if (type.kind != ir::Type::Kind::Alias) break;
    const ir::Alias& alias = m.aliases[type.declaration];
    const ir::Constraints& a = alias.constraints;
    if (!c.min) c.min = a.min;
    if (!c.max) c.max = a.max;
    if (!c.min_length) c.min_length = a.min_length;
    if (!c.max_length) c.max_length = a.max_length;
    if (!c.pattern) c.pattern = a.pattern;
    if (!c.format) c.format = a.format;
    if (!c.precision) c.precision = a.precision;
    if (!c.scale) c.scale = a.scale;
    c.is_id |= a.is_id;
    c.generated |= a.generated;
    c.unique |= a.unique;
    c.index |= a.index;
    c.readonly |= a.readonly;
    c.secret |= a.secret;
    if (!result.default_value) result.default_value = alias.default_value;
    id = alias.target;
  }
  return result;
}

// What the decorators mean together: `@id` implies `@unique` and `@readonly`, `@unique` an index.
ir::Constraints implied(ir::Constraints c) {
  c.unique |= c.is_id;
  c.readonly |= c.is_id;
  c.index |= c.unique;
  return c;
}

bool is_inverse(const ir::Module& m, ir::FieldId id) {
  const ir::Field& field = m.field(id);
  return !field.relation.is_none() && m.relations[field.relation.index].field != id;
}

// ---- constraint comparison ---------------------------------------------------------------------

struct ConstraintDelta {
  ChangeKind kind;  // ConstraintTightened, ConstraintLoosened or ConstraintChanged
  std::string text;
};

// Compares numbers given by their spelling, exactly (base/decimal.h); spellings that do not
// parse compare as text.
int compare_numbers(const std::string& a, const std::string& b) {
  if (const std::optional<int> order = bpc::compare_numbers(a, b)) return *order;
  return a.compare(b);
}

// A lower bound (`lower`) accepts fewer values when raised; an upper bound when lowered.
// `label` names the bound in "raised"/"lowered" messages; it defaults to "`@decorator`".
void compare_bound(std::string_view decorator, const std::optional<std::string>& a,
                   const std::optional<std::string>& b, bool lower,
                   std::vector<ConstraintDelta>& out, std::string label = {}) {
  if (!a && !b) return;
  if (label.empty()) label = fmt::format("`@{}`", decorator);
  if (!a) {
    out.push_back({ChangeKind::ConstraintTightened, fmt::format("`@{}({})` added", decorator, *b)});
  } else if (!b) {
    out.push_back({ChangeKind::ConstraintLoosened, fmt::format("`@{}({})` removed", decorator, *a)});
  } else if (const int order = compare_numbers(*a, *b); order != 0) {
    const bool raised = order < 0;
    out.push_back({raised == lower ? ChangeKind::ConstraintTightened : ChangeKind::ConstraintLoosened,
                   fmt::format("{} {} from {} to {}", label, raised ? "raised" : "lowered", *a, *b)});
  }
}

template <typename Number>
std::optional<std::string> spelled(const std::optional<Number>& n) {
  if (!n) return std::nullopt;
  return std::to_string(*n);
}

void compare_text(std::string_view decorator, const std::optional<std::string>& a,
                  const std::optional<std::string>& b, std::vector<ConstraintDelta>& out) {
  if (a == b) return;
  if (!a) {
    out.push_back({ChangeKind::ConstraintTightened, fmt::format("`@{}({})` added", decorator, quote(*b))});
  } else if (!b) {
    out.push_back({ChangeKind::ConstraintLoosened, fmt::format("`@{}({})` removed", decorator, quote(*a))});
  } else {
    out.push_back({ChangeKind::ConstraintChanged,
                   fmt::format("`@{}` changed from {} to {}", decorator, quote(*a), quote(*b))});
  }
}

std::vector<ConstraintDelta> compare_constraints(const ir::Constraints& a, const ir::Constraints& b) {
  std::vector<ConstraintDelta> out;
  compare_bound("min", a.min, b.min, true, out);
  compare_bound("max", a.max, b.max, false, out);
  compare_bound("minLength", spelled(a.min_length), spelled(b.min_length), true, out);
  compare_bound("maxLength", spelled(a.max_length), spelled(b.max_length), false, out);
  compare_text("pattern", a.pattern, b.pattern, out);
  compare_text("format", a.format, b.format, out);
  const bool had_precision = a.precision || a.scale;
  const bool has_precision = b.precision || b.scale;
  const auto precision_text = [](const ir::Constraints& c) {
    return fmt::format("`@precision({}, {})`", c.precision.value_or(0), c.scale.value_or(0));
  };
  if (!had_precision && has_precision) {
    out.push_back({ChangeKind::ConstraintTightened, precision_text(b) + " added"});
  } else if (had_precision && !has_precision) {
    out.push_back({ChangeKind::ConstraintLoosened, precision_text(a) + " removed"});
  } else if (had_precision) {
    compare_bound("precision", spelled(a.precision), spelled(b.precision), false, out,
                  "`@precision` digits");
    compare_bound("precision", spelled(a.scale), spelled(b.scale), false, out, "`@precision` scale");
  }
  if (!a.unique && b.unique) out.push_back({ChangeKind::ConstraintTightened, "`@unique` added"});
  if (a.unique && !b.unique) out.push_back({ChangeKind::ConstraintLoosened, "`@unique` removed"});
  return out;
}

// ---- the differ --------------------------------------------------------------------------------

// Where a type's values flow: into the server in requests or out of it in responses, as part of
// records and events (WIRE) or as an endpoint's parameters and results (HTTP).
enum Flow : std::uint8_t { kWireIn = 1, kWireOut = 2, kHttpIn = 4, kHttpOut = 8 };
using Flows = std::map<std::string, std::uint8_t, std::less<>>;

Categories in_categories(std::uint8_t flows) {
  Categories result;
  if (flows & kWireIn) result |= kWire;
  if (flows & kHttpIn) result |= kHttp;
  return result;
}

Categories out_categories(std::uint8_t flows) {
  Categories result;
  if (flows & kWireOut) result |= kWire;
  if (flows & kHttpOut) result |= kHttp;
  return result;
}

enum class DeclKind : std::uint8_t { Alias, Enum, Struct, Entity, Event, Role, Policy, Workflow, Api };
constexpr DeclKind kDeclKinds[] = {DeclKind::Alias, DeclKind::Enum, DeclKind::Struct,
                                   DeclKind::Entity, DeclKind::Event, DeclKind::Role,
                                   DeclKind::Policy, DeclKind::Workflow, DeclKind::Api};

struct DeclInfo {
  std::string_view noun;
  std::string_view article;  // for "changed from a struct to an entity"
  ChangeKind added;
  ChangeKind removed;
};

const DeclInfo& decl_info(DeclKind kind) {
  static const DeclInfo infos[] = {
      {"type alias", "a", ChangeKind::AliasAdded, ChangeKind::AliasRemoved},
      {"enum", "an", ChangeKind::EnumAdded, ChangeKind::EnumRemoved},
      {"struct", "a", ChangeKind::StructAdded, ChangeKind::StructRemoved},
      {"entity", "an", ChangeKind::EntityAdded, ChangeKind::EntityRemoved},
      {"event", "an", ChangeKind::EventAdded, ChangeKind::EventRemoved},
      {"role", "a", ChangeKind::RoleAdded, ChangeKind::RoleRemoved},
      {"policy", "a", ChangeKind::PolicyAdded, ChangeKind::PolicyRemoved},
      {"workflow", "a", ChangeKind::WorkflowAdded, ChangeKind::WorkflowRemoved},
      {"API", "an", ChangeKind::ApiAdded, ChangeKind::ApiRemoved},
  };
  return infos[static_cast<std::size_t>(kind)];
}

struct DeclRef {
  DeclKind kind;
  std::uint32_t index;
};

// One version of the blueprint, with the indexes the differ needs.
struct Side {
  explicit Side(const ir::Module& module) : m(module) {
    workflow_owned.assign(m.fields.size(), false);
    for (const ir::Workflow& workflow : m.workflows) {
      if (!workflow.state_field.is_none()) workflow_owned[workflow.state_field.index] = true;
    }
    for (DeclKind kind : kDeclKinds) {
      for (std::uint32_t i = 0; i < count(kind); ++i) {
        if (!name(kind, i).empty()) declarations.emplace(name(kind, i), DeclRef{kind, i});
      }
    }
  }

  std::uint32_t count(DeclKind kind) const {
    switch (kind) {
      case DeclKind::Alias: return static_cast<std::uint32_t>(m.aliases.size());
      case DeclKind::Enum: return static_cast<std::uint32_t>(m.enums.size());
      case DeclKind::Struct: return static_cast<std::uint32_t>(m.structs.size());
      case DeclKind::Entity: return static_cast<std::uint32_t>(m.entities.size());
      case DeclKind::Event: return static_cast<std::uint32_t>(m.events.size());
      case DeclKind::Role: return static_cast<std::uint32_t>(m.roles.size());
      case DeclKind::Policy: return static_cast<std::uint32_t>(m.policies.size());
      case DeclKind::Workflow: return static_cast<std::uint32_t>(m.workflows.size());
      case DeclKind::Api: return static_cast<std::uint32_t>(m.apis.size());
    }
    return 0;
  }

  template <typename Visit>
  decltype(auto) with(DeclKind kind, std::uint32_t i, Visit&& visit) const {
    switch (kind) {
      case DeclKind::Alias: return visit(m.aliases[i]);
      case DeclKind::Enum: return visit(m.enums[i]);
      case DeclKind::Struct: return visit(m.structs[i]);
      case DeclKind::Entity: return visit(m.entities[i]);
      case DeclKind::Event: return visit(m.events[i]);
      case DeclKind::Role: return visit(m.roles[i]);
      case DeclKind::Policy: return visit(m.policies[i]);
      case DeclKind::Workflow: return visit(m.workflows[i]);
      case DeclKind::Api: return visit(m.apis[i]);
    }
    return visit(m.roles[i]);
  }

  const std::string& name(DeclKind kind, std::uint32_t i) const {
    return with(kind, i, [](const auto& d) -> const std::string& { return d.name; });
  }
  ir::Location location(DeclKind kind, std::uint32_t i) const {
    return with(kind, i, [](const auto& d) { return d.location; });
  }
  const std::string& doc(DeclKind kind, std::uint32_t i) const {
    return with(kind, i, [](const auto& d) -> const std::string& { return d.doc; });
  }
  const DeclRef* find(std::string_view name) const {
    const auto it = declarations.find(name);
    return it == declarations.end() ? nullptr : &it->second;
  }

  std::string entity_name(ir::EntityId id) const { return id.is_none() ? "?" : m.entity(id).name; }
  std::string field_name(ir::FieldId id) const { return id.is_none() ? "?" : m.field(id).name; }
  std::string state_name(const ir::Workflow& workflow, std::uint32_t index) const {
    if (workflow.states.is_none()) return "?";
    const ir::Enum& states = m.enumeration(workflow.states);
    return index < states.values.size() ? states.values[index].name : "?";
  }
  std::string workflow_field(const ir::Workflow& workflow) const {
    return entity_name(workflow.entity) + "." + field_name(workflow.state_field);
  }

  const ir::Module& m;
  std::vector<bool> workflow_owned;  // by FieldId: the state field of a workflow
  std::map<std::string, DeclRef, std::less<>> declarations;
};

// Adds where each struct, alias and enum of `side` flows, by name.
void add_flows(const Side& side, Flows& flows) {
  const ir::Module& m = side.m;
  std::vector<std::pair<ir::TypeId, std::uint8_t>> work;
  for (std::uint32_t i = 0; i < m.fields.size(); ++i) {
    const ir::Field& field = m.fields[i];
    const ir::FieldId id{i};
    const bool secret = effective(m, field.type, *field.constraints, std::nullopt).constraints.secret;
    std::uint8_t bits = 0;
    switch (field.owner.kind) {
      case ir::FieldOwner::Kind::Entity: {
        const Effective e = effective(m, field.type, *field.constraints, field.default_value);
        const bool inverse = is_inverse(m, id);
        if (!e.constraints.generated && !inverse && !side.workflow_owned[i]) bits |= kWireIn;
        if (!secret && !inverse) bits |= kWireOut;
        break;
      }
      case ir::FieldOwner::Kind::Event: bits = kWireOut; break;
      case ir::FieldOwner::Kind::Operation:
      case ir::FieldOwner::Kind::Transition: bits = kHttpIn; break;
      case ir::FieldOwner::Kind::Struct: break;  // reached through its users below
    }
    if (bits != 0) work.emplace_back(field.type, bits);
  }
  for (const ir::Operation& operation : m.operations) {
    if (!operation.result.is_none()) work.emplace_back(operation.result, kHttpOut);
  }
  std::set<std::pair<std::uint32_t, std::uint8_t>> seen;
  while (!work.empty()) {
    const auto [id, bits] = work.back();
    work.pop_back();
    if (id.is_none() || !seen.emplace(id.index, bits).second) continue;
    const ir::Type& type = m.type(id);
    switch (type.kind) {
      case ir::Type::Kind::Optional:
      case ir::Type::Kind::List:
      case ir::Type::Kind::Map: work.emplace_back(type.element, bits); break;
      case ir::Type::Kind::Alias:
        flows[m.aliases[type.declaration].name] |= bits;
        work.emplace_back(m.aliases[type.declaration].target, bits);
        break;
      case ir::Type::Kind::Enum: flows[m.enums[type.declaration].name] |= bits; break;
      case ir::Type::Kind::Struct: {
        const ir::Struct& s = m.structs[type.declaration];
        flows[s.name] |= bits;
        for (ir::FieldId field_id : s.fields) {
          const ir::Field& field = m.field(field_id);
          const bool secret = effective(m, field.type, *field.constraints, std::nullopt).constraints.secret;
          const std::uint8_t field_bits = secret ? bits & ~(kWireOut | kHttpOut) : bits;
          if (field_bits != 0) work.emplace_back(field.type, field_bits);
        }
        break;
      }
      case ir::Type::Kind::Scalar:
      case ir::Type::Kind::Entity: break;  // entities travel as ids; their fields are roots
    }
  }
}

// A field or parameter in one version, with what the rules need to know about it.
struct FieldView {
  const Side* side = nullptr;
  ir::FieldId id;
  const ir::Field* field = nullptr;
  bool parameter = false;
  Effective effective;
  bool optional = false;
  bool inverse = false;
  bool workflow_owned = false;
  bool accepts_input = false;
  bool entity_field = false;
  Categories in;   // what breaks when the requests that carry it break
  Categories out;  // what breaks when the responses that carry it break

  const ir::Module& m() const { return side->m; }
  // Code that creates a value of the owner (a create request, an event, a call) must give it.
  bool required_to_construct() const {
    return !optional && !effective.default_value && !effective.constraints.generated && !inverse &&
           !workflow_owned;
  }
  // Requests that leave it out are rejected.
  bool required_input() const { return accepts_input && !optional && !effective.default_value; }
  // Filter and sort key of list routes: `@index`, `@unique`, a field of a key, and single
  // references.
  bool indexed() const {
    if (!entity_field) return false;
    if (implied(effective.constraints).index || ir::list_role(side->m, id).filter) return true;
    return !field->relation.is_none() && !inverse && !side->m.relations[field->relation.index].many;
  }
};

struct RelationShape {
  std::string target;
  bool many = false;
  std::string inverse_of;  // empty on the stored side
  std::optional<ir::OnDelete> on_delete;  // stored side only
};

std::optional<RelationShape> relation_shape(const FieldView& view) {
  const ir::Module& m = view.m();
  if (view.field->relation.is_none()) return std::nullopt;
  const ir::Relation& relation = m.relations[view.field->relation.index];
  RelationShape shape;
  if (relation.field == view.id) {
    shape.target = view.side->entity_name(relation.target);
    shape.many = relation.many;
    shape.on_delete = relation.on_delete;
  } else {
    shape.target = view.side->entity_name(relation.source);
    shape.many = m.type(core(m, view.field->type)).kind == ir::Type::Kind::List;
    shape.inverse_of = view.side->field_name(relation.field);
  }
  return shape;
}

template <typename T, typename Name>
std::vector<std::string> names_of(const std::vector<T>& items, Name&& name) {
  std::vector<std::string> names;
  for (const T& item : items) names.push_back(name(item));
  return names;
}

// Items of `a` missing from `b`, in `a`'s order.
std::vector<std::string> action_names(const std::vector<ir::CrudAction>& actions) {
  std::vector<std::string> names;
  for (const ir::CrudAction action : actions) names.emplace_back(ir::crud_action_name(action));
  return names;
}

std::vector<std::string> missing_from(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& item : a) {
    if (std::find(b.begin(), b.end(), item) == b.end()) out.push_back(item);
  }
  return out;
}

// A route with its placeholders' names dropped: `/a/{id}` and `/a/{key}` are the same route.
std::string route_shape(std::string_view path) {
  std::string out;
  bool in_placeholder = false;
  for (char c : path) {
    if (c == '{') in_placeholder = true;
    if (!in_placeholder || c == '{' || c == '}') out += c;
    if (c == '}') in_placeholder = false;
  }
  return out;
}

class Differ {
 public:
  Differ(const ir::Module& before, const ir::Module& after) : old_(before), new_(after) {
    add_flows(old_, flows_);
    add_flows(new_, flows_);
  }

  std::vector<Change> run() {
    for (DeclKind kind : kDeclKinds) diff_declarations(kind);
    diff_policy_rules();
    diff_targets();
    return std::move(changes_);
  }

 private:
  void emit(ChangeKind kind, std::string path, std::string message, Categories breaks,
            ir::Location before = {}, ir::Location after = {}) {
    changes_.push_back(Change{kind, std::move(path), std::move(message), breaks, before, after});
  }

  std::uint8_t flows(std::string_view name) const {
    const auto it = flows_.find(name);
    return it == flows_.end() ? 0 : it->second;
  }

  // ---- declarations ----------------------------------------------------------------------------

  void diff_declarations(DeclKind kind) {
    const DeclInfo& decl = decl_info(kind);
    for (std::uint32_t i = 0; i < old_.count(kind); ++i) {
      const std::string& name = old_.name(kind, i);
      if (name.empty()) continue;  // unnamed policies: only their rules count
      const DeclRef* other = new_.find(name);
      if (other == nullptr) {
        emit(decl.removed, name, fmt::format("{} {} removed", decl.noun, name), removal_breaks(kind),
             old_.location(kind, i));
      } else if (other->kind != kind) {
        const DeclInfo& now = decl_info(other->kind);
        emit(ChangeKind::DeclarationKindChanged, name,
             fmt::format("{} changed from {} {} to {} {}", name, decl.article, decl.noun, now.article,
                         now.noun),
             kWire | kSource, old_.location(kind, i), new_.location(other->kind, other->index));
      } else {
        diff_declaration(kind, i, other->index);
        if (old_.doc(kind, i) != new_.doc(kind, other->index)) {
          emit(ChangeKind::DocChanged, name, fmt::format("{} {}: documentation changed", decl.noun, name),
               kNone, old_.location(kind, i), new_.location(kind, other->index));
        }
      }
    }
    for (std::uint32_t j = 0; j < new_.count(kind); ++j) {
      const std::string& name = new_.name(kind, j);
      if (name.empty() || old_.find(name) != nullptr) continue;
      Categories breaks;
      std::string message = fmt::format("{} {} added", decl.noun, name);
      if (kind == DeclKind::Workflow) {
        // A workflow owns its field: create and update requests can no longer set it.
        const ir::Workflow& workflow = new_.m.workflows[j];
        if (takes_over_existing_field(workflow)) {
          breaks = kWire | kSource;
          message += fmt::format("; it takes over the existing field {}, which requests can no longer set",
                                 new_.workflow_field(workflow));
        }
      }
      emit(decl.added, name, message, breaks, {}, new_.location(kind, j));
    }
  }

  // Removing a declaration breaks the generated code that names it. Uses of a removed type
  // change too and are reported where they are; events, roles and APIs are used by name from
  // outside the blueprint (subscribers, callers, endpoints).
  static Categories removal_breaks(DeclKind kind) {
    switch (kind) {
      case DeclKind::Event: return kWire | kSource;
      case DeclKind::Role:
      case DeclKind::Api: return kHttp | kSource;
      case DeclKind::Policy: return kNone;
      default: return kSource;
    }
  }

  bool takes_over_existing_field(const ir::Workflow& workflow) const {
    if (workflow.entity.is_none() || workflow.state_field.is_none()) return false;
    const DeclRef* entity = old_.find(new_.entity_name(workflow.entity));
    if (entity == nullptr || entity->kind != DeclKind::Entity) return false;
    const std::string field_name = new_.field_name(workflow.state_field);
    for (ir::FieldId field : old_.m.entities[entity->index].fields) {
      if (old_.m.field(field).name == field_name) return !old_.workflow_owned[field.index];
    }
    return false;
  }

  void diff_declaration(DeclKind kind, std::uint32_t a, std::uint32_t b) {
    switch (kind) {
      case DeclKind::Alias: return diff_alias(old_.m.aliases[a], new_.m.aliases[b]);
      case DeclKind::Enum: return diff_enum(old_.m.enums[a], new_.m.enums[b]);
      case DeclKind::Struct:
        return diff_fields(old_.m.structs[a].name, old_.m.structs[a].fields, new_.m.structs[b].fields);
      case DeclKind::Entity: return diff_entity(old_.m.entities[a], new_.m.entities[b]);
      case DeclKind::Event:
        diff_handlers(old_.m.events[a], new_.m.events[b]);
        return diff_fields(old_.m.events[a].name, old_.m.events[a].fields, new_.m.events[b].fields);
      case DeclKind::Role:
      case DeclKind::Policy: return;  // roles are names; rules are compared across policies
      case DeclKind::Workflow: return diff_workflow(old_.m.workflows[a], new_.m.workflows[b]);
      case DeclKind::Api: return diff_api(old_.m.apis[a], new_.m.apis[b]);
    }
  }

  void diff_alias(const ir::Alias& a, const ir::Alias& b) {
    const std::uint8_t bits = flows(a.name);
    const Categories in = in_categories(bits);
    const Categories out = out_categories(bits);
    const std::string noun = "type alias " + a.name;
    if (signature(old_.m, a.target, false) != signature(new_.m, b.target, false)) {
      const bool same_shape = signature(old_.m, a.target, true) == signature(new_.m, b.target, true);
      emit(ChangeKind::AliasTypeChanged, a.name,
           fmt::format("{}: type changed from {} to {}{}", noun, display(old_.m, a.target),
                       display(new_.m, b.target), same_shape ? " (same JSON shape)" : ""),
           same_shape ? kSource : in | out | kSource, a.location, b.location);
    }
    if (is_optional(old_.m, a.target) != is_optional(new_.m, b.target)) {
      const bool now_optional = is_optional(new_.m, b.target);
      emit(now_optional ? ChangeKind::FieldMadeOptional : ChangeKind::FieldMadeRequired, a.name,
           fmt::format("{}: changed from {} to {}", noun, now_optional ? "required" : "optional",
                       now_optional ? "optional" : "required"),
           (now_optional ? out : in) | kSource, a.location, b.location);
    }
    diff_constraints(a.name, noun, a.constraints, b.constraints, in, out, false, false, a.location, b.location);
    diff_default(a.name, noun, a.default_value, b.default_value, in, false, a.location, b.location);
    diff_deprecation(a.name, noun, a.constraints.deprecated, b.constraints.deprecated, a.location, b.location);
  }

  void diff_enum(const ir::Enum& a, const ir::Enum& b) {
    const std::uint8_t bits = flows(a.name);
    const Categories all = in_categories(bits) | out_categories(bits);
    for (const ir::EnumValue& value : a.values) {
      const std::string path = a.name + "." + value.name;
      const auto other = std::find_if(b.values.begin(), b.values.end(),
                                      [&](const ir::EnumValue& v) { return v.name == value.name; });
      if (other == b.values.end()) {
        emit(ChangeKind::EnumValueRemoved, path, fmt::format("enum {}: value `{}` removed", a.name, value.name),
             all | kSource, value.location);
        continue;
      }
      const std::string noun = fmt::format("enum value {}", path);
      if (ir::wire_name(value) != ir::wire_name(*other)) {
        // Readers and writers of the old spelling no longer understand each other with the service.
        emit(ChangeKind::EnumValueWireChanged, path,
             fmt::format("{}: travels as \"{}\" instead of \"{}\"", noun, ir::wire_name(*other), ir::wire_name(value)),
             all, value.location, other->location);
      }
      diff_deprecation(path, noun, value.deprecated, other->deprecated, value.location, other->location);
      if (value.doc != other->doc) {
        emit(ChangeKind::DocChanged, path, noun + ": documentation changed", kNone, value.location,
             other->location);
      }
    }
    for (const ir::EnumValue& value : b.values) {
      if (std::none_of(a.values.begin(), a.values.end(), [&](const ir::EnumValue& v) { return v.name == value.name; })) {
        emit(ChangeKind::EnumValueAdded, a.name + "." + value.name,
             fmt::format("enum {}: value `{}` added", a.name, value.name), kNone, {}, value.location);
      }
    }
  }

  void diff_entity(const ir::Entity& a, const ir::Entity& b) {
    if (!a.id_field.is_none() && !b.id_field.is_none() &&
        old_.field_name(a.id_field) != new_.field_name(b.id_field)) {
      emit(ChangeKind::EntityIdChanged, a.name,
           fmt::format("entity {}: identity field changed from `{}` to `{}`", a.name,
                       old_.field_name(a.id_field), new_.field_name(b.id_field)),
           kWire | kHttp | kSource, old_.m.field(a.id_field).location, new_.m.field(b.id_field).location);
    }
    diff_fields(a.name, a.fields, b.fields);
    diff_keys(a, b);
  }

  // Keys compare by kind and field names: `unique (org, user)` added refuses writes that were
  // accepted (two memberships of one user in one org); the others change no contract (a field
  // that stops being a filter is reported with the field).
  void diff_keys(const ir::Entity& a, const ir::Entity& b) {
    const auto spelled = [](const Side& side, const ir::Key& key) {
      std::string text = key.unique ? "unique (" : "index (";
      for (std::size_t i = 0; i < key.fields.size(); ++i) text += (i == 0 ? "" : ", ") + side.field_name(key.fields[i]);
      return text + ")";
    };
    const auto find = [&](const Side& side, const std::vector<ir::Key>& keys, const std::string& text) {
      return std::find_if(keys.begin(), keys.end(), [&](const ir::Key& k) { return spelled(side, k) == text; }) != keys.end();
    };
    for (const ir::Key& key : a.keys) {
      const std::string text = spelled(old_, key);
      if (find(new_, b.keys, text)) continue;
      emit(key.unique ? ChangeKind::UniqueKeyRemoved : ChangeKind::IndexKeyRemoved, a.name,
           fmt::format("entity {}: `{}` removed", a.name, text), kNone, key.location, ir::Location{});
    }
    for (const ir::Key& key : b.keys) {
      const std::string text = spelled(new_, key);
      if (find(old_, a.keys, text)) continue;
      emit(key.unique ? ChangeKind::UniqueKeyAdded : ChangeKind::IndexKeyAdded, b.name,
           fmt::format("entity {}: `{}` added", b.name, text), key.unique ? kWire : kNone, ir::Location{}, key.location);
    }
  }

  // ---- fields and parameters ---------------------------------------------------------------------

  FieldView view(const Side& side, ir::FieldId id) const {
    FieldView v;
    v.side = &side;
    v.id = id;
    v.field = &side.m.field(id);
    v.effective = effective(side.m, v.field->type, *v.field->constraints, v.field->default_value);
    v.optional = is_optional(side.m, v.field->type);
    v.inverse = is_inverse(side.m, id);
    v.workflow_owned = side.workflow_owned[id.index];
    const bool secret = v.effective.constraints.secret;
    switch (v.field->owner.kind) {
      case ir::FieldOwner::Kind::Entity:
        v.entity_field = true;
        v.accepts_input = !v.effective.constraints.generated && !v.inverse && !v.workflow_owned;
        v.in = v.accepts_input ? kWire : kNone;
        v.out = !secret && !v.inverse ? kWire : kNone;
        break;
      case ir::FieldOwner::Kind::Struct: {
        const std::uint8_t bits = flows(side.m.structs[v.field->owner.index].name);
        v.accepts_input = true;
        v.in = in_categories(bits);
        v.out = secret ? kNone : out_categories(bits);
        break;
      }
      case ir::FieldOwner::Kind::Event: v.out = kWire; break;
      case ir::FieldOwner::Kind::Operation:
      case ir::FieldOwner::Kind::Transition:
        v.parameter = true;
        v.accepts_input = true;
        v.in = kHttp;
        break;
    }
    return v;
  }

  void diff_fields(const std::string& owner, const std::vector<ir::FieldId>& a,
                   const std::vector<ir::FieldId>& b) {
    const auto find = [](const Side& side, const std::vector<ir::FieldId>& fields, const std::string& name) {
      const auto it = std::find_if(fields.begin(), fields.end(),
                                   [&](ir::FieldId f) { return side.m.field(f).name == name; });
      return it == fields.end() ? ir::FieldId::none() : *it;
    };
    for (ir::FieldId id : a) {
      const FieldView before = view(old_, id);
      const std::string path = owner + "." + before.field->name;
      const std::string noun = fmt::format("{} {}", before.parameter ? "parameter" : "field", path);
      const ir::FieldId other = find(new_, b, before.field->name);
      if (other.is_none()) {
        // A list relation also takes its relation route (`GET /customers/{id}/orders`) with it.
        const bool routed = ir::has_relation_route(old_.m, id);
        emit(before.parameter ? ChangeKind::ParameterRemoved : ChangeKind::FieldRemoved, path,
             noun + (routed ? " removed, and its relation route with it" : " removed"),
             before.in | before.out | kSource | (routed ? kHttp : kNone), before.field->location);
      } else {
        diff_field(path, noun, before, view(new_, other));
      }
    }
    for (ir::FieldId id : b) {
      const FieldView after = view(new_, id);
      if (!find(old_, a, after.field->name).is_none()) continue;
      const std::string path = owner + "." + after.field->name;
      const bool required = after.required_to_construct();
      Categories breaks;
      if (required) breaks = kSource | (after.required_input() ? after.in : kNone);
      emit(after.parameter ? ChangeKind::ParameterAdded : ChangeKind::FieldAdded, path,
           fmt::format("{} {} added ({})", after.parameter ? "parameter" : "field", path,
                       required ? "required" : "optional"),
           breaks, {}, after.field->location);
    }
  }

  void diff_field(const std::string& path, const std::string& noun, const FieldView& a, const FieldView& b) {
    const ir::Location la = a.field->location;
    const ir::Location lb = b.field->location;
    const Categories in = a.in | b.in;
    const Categories out = a.out | b.out;
    const ir::TypeId type_a = strip_optional(a.m(), a.field->type);
    const ir::TypeId type_b = strip_optional(b.m(), b.field->type);
    const bool same_type = signature(a.m(), type_a, false) == signature(b.m(), type_b, false);

    const auto relation_a = relation_shape(a);
    const auto relation_b = relation_shape(b);
    if (relation_a && relation_b) {
      if (relation_a->target != relation_b->target) {
        emit(ChangeKind::RelationTargetChanged, path,
             fmt::format("{}: relation target changed from `{}` to `{}`", noun, relation_a->target,
                         relation_b->target),
             in | out | kSource, la, lb);
      }
      if (relation_a->many != relation_b->many) {
        emit(ChangeKind::RelationCardinalityChanged, path,
             fmt::format("{}: relation changed from {} to {}", noun, relation_a->many ? "many" : "one",
                         relation_b->many ? "many" : "one"),
             in | out | kSource | (relation_a->many ? kHttp : kNone), la, lb);
      }
      if (relation_a->inverse_of != relation_b->inverse_of) {
        const auto describe = [](const RelationShape& r) {
          return r.inverse_of.empty() ? std::string("a stored reference")
                                      : fmt::format("the inverse of `{}.{}`", r.target, r.inverse_of);
        };
        emit(ChangeKind::RelationInverseChanged, path,
             fmt::format("{}: changed from {} to {}", noun, describe(*relation_a), describe(*relation_b)),
             in | out | kSource, la, lb);
      }
      if (relation_a->on_delete && relation_b->on_delete && *relation_a->on_delete != *relation_b->on_delete) {
        emit(ChangeKind::RelationOnDeleteChanged, path,
             fmt::format("{}: `@onDelete` changed from `{}` to `{}`", noun,
                         ir::on_delete_name(*relation_a->on_delete), ir::on_delete_name(*relation_b->on_delete)),
             kHttp, la, lb);
      }
    } else if (!same_type) {
      const bool same_shape = signature(a.m(), core(a.m(), type_a), true) ==
                              signature(b.m(), core(b.m(), type_b), true);
      Categories breaks = same_shape ? kSource : in | out | kSource;
      // An entity's id is also the `{id}` of its routes.
      if (!same_shape && a.entity_field && a.field->constraints->is_id && b.field->constraints->is_id) {
        breaks |= kHttp;
      }
      emit(a.parameter ? ChangeKind::ParameterTypeChanged : ChangeKind::FieldTypeChanged, path,
           fmt::format("{}: type changed from {} to {}{}", noun, display(a.m(), a.field->type),
                       display(b.m(), b.field->type), same_shape ? " (same JSON shape)" : ""),
           breaks, la, lb);
    }

    if (a.optional && !b.optional) {
      emit(ChangeKind::FieldMadeRequired, path, noun + ": changed from optional to required",
           (b.accepts_input ? in : kNone) | kSource, la, lb);
    } else if (!a.optional && b.optional) {
      emit(ChangeKind::FieldMadeOptional, path, noun + ": changed from required to optional",
           out | kSource, la, lb);
    }

    // Constraints and defaults an unchanged alias brings are compared at the alias; when the
    // type changed, compare everything that applies.
    const ir::Constraints ca = implied(same_type ? *a.field->constraints : a.effective.constraints);
    const ir::Constraints cb = implied(same_type ? *b.field->constraints : b.effective.constraints);
    diff_constraints(path, noun, ca, cb, in, out, b.required_input(), a.entity_field && b.entity_field, la, lb);
    if (a.entity_field && b.entity_field && a.indexed() != b.indexed()) {
      emit(a.indexed() ? ChangeKind::FieldIndexRemoved : ChangeKind::FieldIndexAdded, path,
           fmt::format("{}: {} a filter and sort key of list routes", noun, a.indexed() ? "no longer" : "now"),
           a.indexed() ? kHttp : kNone, la, lb);
    }
    const std::optional<ir::Value> da =
        same_type ? std::optional<ir::Value>(a.field->default_value) : a.effective.default_value;
    const std::optional<ir::Value> db =
        same_type ? std::optional<ir::Value>(b.field->default_value) : b.effective.default_value;
    diff_default(path, noun, da, db, in, b.required_to_construct(), la, lb);
    diff_deprecation(path, noun, a.field->constraints->deprecated, b.field->constraints->deprecated, la, lb);
    if (a.field->doc != b.field->doc) emit(ChangeKind::DocChanged, path, noun + ": documentation changed", kNone, la, lb);
  }

  void diff_constraints(const std::string& path, const std::string& noun, const ir::Constraints& a,
                        const ir::Constraints& b, Categories in, Categories out, bool now_required_input,
                        bool entity_field, ir::Location la, ir::Location lb) {
    for (const ConstraintDelta& delta : compare_constraints(a, b)) {
      emit(delta.kind, path, fmt::format("{}: {}", noun, delta.text),
           delta.kind == ChangeKind::ConstraintLoosened ? kNone : in, la, lb);
    }
    const auto flag = [&](bool before, bool after, std::string_view decorator, ChangeKind added,
                          Categories added_breaks, ChangeKind removed, Categories removed_breaks) {
      if (before == after) return;
      emit(after ? added : removed, path,
           fmt::format("{}: `@{}` {}", noun, decorator, after ? "added" : "removed"),
           after ? added_breaks : removed_breaks, la, lb);
    };
    flag(a.readonly, b.readonly, "readonly", ChangeKind::FieldReadonlyAdded, in | kSource,
         ChangeKind::FieldReadonlyRemoved, kNone);
    flag(a.secret, b.secret, "secret", ChangeKind::FieldSecretAdded, out | kSource,
         ChangeKind::FieldSecretRemoved, kNone);
    if (entity_field) {
      // `@updatedAt` is `@generated` too: the generated flag reports what requests may carry, this
      // one that the value now changes (or stops changing) on every write, which breaks nothing.
      flag(a.generated, b.generated, "generated", ChangeKind::FieldGeneratedAdded, in | kSource,
           ChangeKind::FieldGeneratedRemoved, now_required_input ? in | kSource : kNone);
      flag(a.updated_at, b.updated_at, "updatedAt", ChangeKind::FieldUpdatedAtAdded, kNone,
           ChangeKind::FieldUpdatedAtRemoved, kNone);
      // A soft delete keeps the deleted record's unique values taken, and stops applying
      // `@onDelete` rules; dropping it removes the restore route and deletes records for good.
      flag(a.deleted_at, b.deleted_at, "deletedAt", ChangeKind::FieldDeletedAtAdded, kHttp | kSource,
           ChangeKind::FieldDeletedAtRemoved, kHttp | kSource);
      // A scope hides records callers saw, and takes the field out of requests; dropping it
      // shows every caller every record and makes requests give the field.
      flag(a.tenant, b.tenant, "tenant", ChangeKind::FieldScopeAdded, in | kSource | kHttp,
           ChangeKind::FieldScopeRemoved, kHttp | (now_required_input ? in | kSource : kNone));
      flag(a.owner, b.owner, "owner", ChangeKind::FieldScopeAdded, in | kSource | kHttp,
           ChangeKind::FieldScopeRemoved, kHttp | (now_required_input ? in | kSource : kNone));
      // A search that matched a record through the field no longer does (and without any
      // searchable field the list route loses its `q` parameter).
      flag(a.searchable, b.searchable, "searchable", ChangeKind::FieldSearchableAdded, kNone,
           ChangeKind::FieldSearchableRemoved, kHttp);
    }
  }

  void diff_default(const std::string& path, const std::string& noun, const std::optional<ir::Value>& a,
                    const std::optional<ir::Value>& b, Categories in, bool now_required,
                    ir::Location la, ir::Location lb) {
    if (a == b) return;
    if (!a) {
      emit(ChangeKind::DefaultAdded, path, fmt::format("{}: default `{}` added", noun, value_text(*b)), kNone, la, lb);
    } else if (!b) {
      emit(ChangeKind::DefaultRemoved, path, fmt::format("{}: default `{}` removed", noun, value_text(*a)),
           in | (now_required ? kSource : kNone), la, lb);
    } else {
      emit(ChangeKind::DefaultChanged, path,
           fmt::format("{}: default changed from `{}` to `{}`", noun, value_text(*a), value_text(*b)), in, la, lb);
    }
  }

  void diff_deprecation(const std::string& path, const std::string& noun, const std::optional<std::string>& a,
                        const std::optional<std::string>& b, ir::Location la, ir::Location lb) {
    if (a == b) return;
    std::string what;
    if (!a) {
      what = b->empty() ? "deprecated" : fmt::format("deprecated ({})", quote(*b));
    } else if (!b) {
      what = "no longer deprecated";
    } else {
      what = fmt::format("deprecation message changed to {}", quote(*b));
    }
    emit(ChangeKind::DeprecationChanged, path, fmt::format("{}: {}", noun, what), kNone, la, lb);
  }

  // ---- workflows -------------------------------------------------------------------------------

  struct Edge {
    std::string from;
    std::uint32_t transition;
  };
  using Triggers = std::vector<std::pair<std::string, std::vector<Edge>>>;  // in order of appearance

  static Triggers triggers_of(const Side& side, const ir::Workflow& workflow) {
    Triggers triggers;
    for (std::uint32_t t = 0; t < workflow.transitions.size(); ++t) {
      const ir::Transition& transition = workflow.transitions[t];
      auto it = std::find_if(triggers.begin(), triggers.end(),
                             [&](const auto& entry) { return entry.first == transition.trigger; });
      if (it == triggers.end()) it = triggers.insert(triggers.end(), {transition.trigger, {}});
      for (std::uint32_t from : transition.from) it->second.push_back(Edge{side.state_name(workflow, from), t});
    }
    return triggers;
  }

  // Changes found on edges, merged per pair of transitions so that `a, b -> c on t` gives one
  // change, not one per source state.
  struct EdgeChange {
    ChangeKind kind;
    std::string detail;  // what changed, after the transition: "role `Admin` removed"
    Categories breaks;
    std::uint32_t old_transition;  // UINT32_MAX: none
    std::uint32_t new_transition;
    std::vector<std::string> from;
  };

  // The hand-written handlers of an event, by name: a removed one takes its user-code region out
  // of the generated project.
  void diff_handlers(const ir::Event& a, const ir::Event& b) {
    // A handler that fires a trigger is named with what it fires: changing either is a new handler.
    const auto names = [](const Side& side, const ir::Event& e) {
      std::vector<std::string> out;
      for (const ir::Handler& h : e.handlers) {
        if (h.trigger.empty()) {
          out.push_back(h.name);
          continue;
        }
        std::vector<std::string_view> path;
        for (ir::FieldId f : h.path) path.push_back(side.m.field(f).name);
        out.push_back(fmt::format("{} (triggers {} on {})", h.name, h.trigger, fmt::join(path, ".")));
      }
      return out;
    };
    for (const std::string& name : missing_from(names(old_, a), names(new_, b))) {
      emit(ChangeKind::HandlerRemoved, a.name + "." + name, fmt::format("event {}: handler `{}` removed", a.name, name),
           kSource, a.location, b.location);
    }
    for (const std::string& name : missing_from(names(new_, b), names(old_, a))) {
      emit(ChangeKind::HandlerAdded, b.name + "." + name, fmt::format("event {}: handler `{}` added", b.name, name), kNone,
           a.location, b.location);
    }
  }

  void diff_workflow(const ir::Workflow& a, const ir::Workflow& b) {
    const std::string noun = "workflow " + a.name;
    if (old_.workflow_field(a) != new_.workflow_field(b)) {
      emit(ChangeKind::WorkflowFieldChanged, a.name,
           fmt::format("{}: now drives `{}` instead of `{}`", noun, new_.workflow_field(b), old_.workflow_field(a)),
           kWire | kHttp | kSource, a.location, b.location);
    }
    if (old_.state_name(a, a.initial) != new_.state_name(b, b.initial)) {
      emit(ChangeKind::WorkflowInitialChanged, a.name,
           fmt::format("{}: initial state changed from `{}` to `{}`", noun, old_.state_name(a, a.initial),
                       new_.state_name(b, b.initial)),
           kHttp, a.location, b.location);
    }
    for (const std::string& guard : missing_from(a.guards, b.guards)) {
      emit(ChangeKind::WorkflowGuardRemoved, a.name + "." + guard, fmt::format("{}: guard `{}` removed", noun, guard),
           kSource, a.location, b.location);
    }
    for (const std::string& guard : missing_from(b.guards, a.guards)) {
      emit(ChangeKind::WorkflowGuardAdded, a.name + "." + guard, fmt::format("{}: guard `{}` added", noun, guard),
           kNone, a.location, b.location);
    }

    const Triggers triggers_a = triggers_of(old_, a);
    const Triggers triggers_b = triggers_of(new_, b);
    const auto find_trigger = [](const Triggers& triggers, const std::string& name) -> const std::vector<Edge>* {
      for (const auto& [trigger, edges] : triggers) {
        if (trigger == name) return &edges;
      }
      return nullptr;
    };
    for (const auto& [trigger, edges_a] : triggers_a) {
      const std::string path = a.name + "." + trigger;
      const ir::Transition& first_a = a.transitions[edges_a.front().transition];
      const std::vector<Edge>* edges_b = find_trigger(triggers_b, trigger);
      if (edges_b == nullptr) {
        emit(ChangeKind::TriggerRemoved, path, fmt::format("{}: trigger `{}` removed", noun, trigger),
             kHttp | kSource, first_a.location);
        continue;
      }
      diff_fields(path, first_a.parameters, b.transitions[edges_b->front().transition].parameters);
      diff_edges(a, b, trigger, edges_a, *edges_b);
    }
    for (const auto& [trigger, edges_b] : triggers_b) {
      if (find_trigger(triggers_a, trigger) != nullptr) continue;
      emit(ChangeKind::TriggerAdded, a.name + "." + trigger, fmt::format("{}: trigger `{}` added", noun, trigger),
           kNone, {}, b.transitions[edges_b.front().transition].location);
    }
  }

  void diff_edges(const ir::Workflow& a, const ir::Workflow& b, const std::string& trigger,
                  const std::vector<Edge>& edges_a, const std::vector<Edge>& edges_b) {
    std::vector<EdgeChange> found;
    const auto add = [&](ChangeKind kind, std::string detail, Categories breaks, std::uint32_t ta,
                         std::uint32_t tb, const std::string& from) {
      for (EdgeChange& change : found) {
        if (change.kind == kind && change.detail == detail && change.old_transition == ta &&
            change.new_transition == tb) {
          change.from.push_back(from);
          return;
        }
      }
      found.push_back(EdgeChange{kind, std::move(detail), breaks, ta, tb, {from}});
    };
    const auto event_names = [](const Side& side, const ir::Transition& t) {
      return names_of(t.emits, [&](ir::EventId e) { return side.m.events[e.index].name; });
    };
    // `field = value` of each assignment.
    const auto assignments = [](const Side& side, const ir::Transition& t) {
      return names_of(t.sets, [&](const ir::Assignment& a) {
        const std::string value = a.source == ir::Assignment::Source::Now    ? "now"
                                  : a.source == ir::Assignment::Source::Null ? "null"
                                                                             : side.field_name(a.parameter);
        return side.field_name(a.field) + " = " + value;
      });
    };
    const auto role_names = [](const Side& side, const std::vector<ir::RoleId>& roles) {
      return names_of(roles, [&](ir::RoleId r) { return side.m.roles[r.index].name; });
    };
    for (const Edge& edge : edges_a) {
      const auto match = std::find_if(edges_b.begin(), edges_b.end(), [&](const Edge& e) { return e.from == edge.from; });
      if (match == edges_b.end()) {
        add(ChangeKind::TransitionRemoved, "", kHttp, edge.transition, UINT32_MAX, edge.from);
        continue;
      }
      const ir::Transition& ta = a.transitions[edge.transition];
      const ir::Transition& tb = b.transitions[match->transition];
      const std::uint32_t ia = edge.transition;
      const std::uint32_t ib = match->transition;
      const std::string to_a = old_.state_name(a, ta.to);
      const std::string to_b = new_.state_name(b, tb.to);
      if (to_a != to_b) {
        add(ChangeKind::TransitionTargetChanged, fmt::format("now leads to `{}` instead of `{}`", to_b, to_a), kHttp,
            ia, ib, edge.from);
      }
      const auto roles_a = role_names(old_, ta.roles);
      const auto roles_b = role_names(new_, tb.roles);
      for (const std::string& role : missing_from(roles_a, roles_b)) {
        add(ChangeKind::TransitionRoleRemoved, fmt::format("role `{}` removed from `by`", role), kHttp, ia, ib, edge.from);
      }
      for (const std::string& role : missing_from(roles_b, roles_a)) {
        add(ChangeKind::TransitionRoleAdded, fmt::format("role `{}` added to `by`", role), kNone, ia, ib, edge.from);
      }
      if (ta.guard != tb.guard) {
        if (ta.guard.empty()) {
          add(ChangeKind::TransitionGuardAdded, fmt::format("guard `{}` added", tb.guard), kHttp, ia, ib, edge.from);
        } else if (tb.guard.empty()) {
          add(ChangeKind::TransitionGuardRemoved, fmt::format("guard `{}` removed", ta.guard), kNone, ia, ib, edge.from);
        } else {
          add(ChangeKind::TransitionGuardChanged,
              fmt::format("guard changed from `{}` to `{}`", ta.guard, tb.guard), kHttp, ia, ib, edge.from);
        }
      }
      const auto events_a = event_names(old_, ta);
      const auto events_b = event_names(new_, tb);
      for (const std::string& event : missing_from(events_a, events_b)) {
        add(ChangeKind::TransitionEventRemoved, fmt::format("no longer emits `{}`", event), kWire, ia, ib, edge.from);
      }
      for (const std::string& event : missing_from(events_b, events_a)) {
        add(ChangeKind::TransitionEventAdded, fmt::format("now emits `{}`", event), kNone, ia, ib, edge.from);
      }
      const auto sets_a = assignments(old_, ta);
      const auto sets_b = assignments(new_, tb);
      for (const std::string& set : missing_from(sets_a, sets_b)) {
        add(ChangeKind::TransitionSetRemoved, fmt::format("no longer sets `{}`", set), kWire, ia, ib, edge.from);
      }
      for (const std::string& set : missing_from(sets_b, sets_a)) {
        add(ChangeKind::TransitionSetAdded, fmt::format("now sets `{}`", set), kNone, ia, ib, edge.from);
      }
    }
    for (const Edge& edge : edges_b) {
      if (std::none_of(edges_a.begin(), edges_a.end(), [&](const Edge& e) { return e.from == edge.from; })) {
        add(ChangeKind::TransitionAdded, "", kNone, UINT32_MAX, edge.transition, edge.from);
      }
    }

    const std::string path = a.name + "." + trigger;
    for (const EdgeChange& change : found) {
      const bool has_old = change.old_transition != UINT32_MAX;
      const bool has_new = change.new_transition != UINT32_MAX;
      const ir::Transition* ta = has_old ? &a.transitions[change.old_transition] : nullptr;
      const ir::Transition* tb = has_new ? &b.transitions[change.new_transition] : nullptr;
      const std::string to = ta != nullptr ? old_.state_name(a, ta->to) : new_.state_name(b, tb->to);
      const std::string description = fmt::format("`{} -> {} on {}`", fmt::join(change.from, ", "), to, trigger);
      std::string message;
      if (change.kind == ChangeKind::TransitionRemoved) {
        message = fmt::format("workflow {}: transition {} removed", a.name, description);
      } else if (change.kind == ChangeKind::TransitionAdded) {
        message = fmt::format("workflow {}: transition {} added", a.name, description);
      } else {
        message = fmt::format("workflow {}: transition {}: {}", a.name, description, change.detail);
      }
      emit(change.kind, path, message, change.breaks, ta != nullptr ? ta->location : ir::Location{},
           tb != nullptr ? tb->location : ir::Location{});
    }
  }

  // ---- APIs --------------------------------------------------------------------------------------

  void diff_api(const ir::Api& a, const ir::Api& b) {
    const std::string noun = "API " + a.name;
    const std::string base_a = a.base_path.empty() ? "/" : a.base_path;
    const std::string base_b = b.base_path.empty() ? "/" : b.base_path;
    if (base_a != base_b) {
      emit(ChangeKind::ApiBasePathChanged, a.name,
           fmt::format("{}: base path changed from `{}` to `{}`", noun, base_a, base_b), kHttp, a.location, b.location);
    }

    for (const ir::Resource& ra : a.resources) {
      const std::string entity = old_.entity_name(ra.entity);
      const std::string path = a.name + "." + entity;
      const auto rb = std::find_if(b.resources.begin(), b.resources.end(),
                                   [&](const ir::Resource& r) { return new_.entity_name(r.entity) == entity; });
      if (rb == b.resources.end()) {
        emit(ChangeKind::ResourceRemoved, path, fmt::format("{}: resource {} removed", noun, entity),
             kHttp | kSource, ra.location);
        continue;
      }
      const std::string resource = fmt::format("{}: resource {}", noun, entity);
      for (const std::string& action : missing_from(action_names(ra.actions), action_names(rb->actions))) {
        emit(ChangeKind::ResourceActionRemoved, path + "." + action,
             fmt::format("{}: action `{}` removed", resource, action), kHttp | kSource, ra.location, rb->location);
      }
      for (const std::string& action : missing_from(action_names(rb->actions), action_names(ra.actions))) {
        emit(ChangeKind::ResourceActionAdded, path + "." + action,
             fmt::format("{}: action `{}` added", resource, action), kNone, ra.location, rb->location);
      }
      // The events each action declares (`create emits OrderPlaced`).
      const auto emits = [](const Side& side, const ir::Resource& r) {
        std::vector<std::string> out;
        for (const ir::ActionEmit& e : r.emits) {
          out.push_back(fmt::format("{} emits {}", ir::crud_action_name(e.action), side.m.events[e.event.index].name));
        }
        return out;
      };
      for (const std::string& emit_text : missing_from(emits(old_, ra), emits(new_, *rb))) {
        emit(ChangeKind::ActionEventRemoved, path, fmt::format("{}: no longer `{}`", resource, emit_text), kWire,
             ra.location, rb->location);
      }
      for (const std::string& emit_text : missing_from(emits(new_, *rb), emits(old_, ra))) {
        emit(ChangeKind::ActionEventAdded, path, fmt::format("{}: now `{}`", resource, emit_text), kNone, ra.location,
             rb->location);
      }
      const std::string wa = ra.workflow.is_none() ? "" : old_.m.workflows[ra.workflow.index].name;
      const std::string wb = rb->workflow.is_none() ? "" : new_.m.workflows[rb->workflow.index].name;
      if (wa != wb) {
        if (wa.empty()) {
          emit(ChangeKind::ResourceWorkflowAttached, path,
               fmt::format("{}: now served `with workflow {}`", resource, wb), kNone, ra.location, rb->location);
        } else if (wb.empty()) {
          emit(ChangeKind::ResourceWorkflowDetached, path,
               fmt::format("{}: no longer served `with workflow {}`", resource, wa), kHttp | kSource, ra.location,
               rb->location);
        } else {
          emit(ChangeKind::ResourceWorkflowChanged, path,
               fmt::format("{}: served with workflow `{}` instead of `{}`", resource, wb, wa), kHttp | kSource,
               ra.location, rb->location);
        }
      }
    }
    for (const ir::Resource& rb : b.resources) {
      const std::string entity = new_.entity_name(rb.entity);
      if (std::any_of(a.resources.begin(), a.resources.end(),
                      [&](const ir::Resource& r) { return old_.entity_name(r.entity) == entity; })) {
        continue;
      }
      emit(ChangeKind::ResourceAdded, a.name + "." + entity, fmt::format("{}: resource {} added", noun, entity),
           kNone, {}, rb.location);
    }

    // Custom operations; operations desugared from resources are compared as resources.
    const auto custom = [](const ir::Module& m, const ir::Api& api) {
      std::vector<const ir::Operation*> operations;
      for (ir::OperationId id : api.operations) {
        if (m.operations[id.index].kind == ir::Operation::Kind::Custom) operations.push_back(&m.operations[id.index]);
      }
      return operations;
    };
    const auto ops_a = custom(old_.m, a);
    const auto ops_b = custom(new_.m, b);
    const auto find = [](const std::vector<const ir::Operation*>& ops, const std::string& name) -> const ir::Operation* {
      for (const ir::Operation* op : ops) {
        if (op->name == name) return op;
      }
      return nullptr;
    };
    for (const ir::Operation* op : ops_a) {
      const std::string path = a.name + "." + op->name;
      if (const ir::Operation* other = find(ops_b, op->name)) {
        diff_operation(path, *op, *other);
      } else {
        emit(ChangeKind::OperationRemoved, path, fmt::format("operation {} removed", path), kHttp | kSource,
             op->location);
      }
    }
    for (const ir::Operation* op : ops_b) {
      if (find(ops_a, op->name) != nullptr) continue;
      const std::string path = a.name + "." + op->name;
      emit(ChangeKind::OperationAdded, path, fmt::format("operation {} added", path), kNone, {}, op->location);
    }
  }

  void diff_operation(const std::string& path, const ir::Operation& a, const ir::Operation& b) {
    const std::string noun = "operation " + path;
    if (a.method != b.method || route_shape(a.path) != route_shape(b.path)) {
      emit(ChangeKind::RouteChanged, path,
           fmt::format("{}: route changed from `{} {}` to `{} {}`", noun, ir::http_method_name(a.method), a.path,
                       ir::http_method_name(b.method), b.path),
           kHttp, a.location, b.location);
    }
    diff_fields(path, a.parameters, b.parameters);
    // The success status clients check: `@http(..., 202)`, or the default 200 / 204.
    const auto status = [](const ir::Operation& o) { return o.status.value_or(o.result.is_none() ? 204 : 200); };
    if (status(a) != status(b)) {
      emit(ChangeKind::OperationStatusChanged, path,
           fmt::format("{}: success status changed from {} to {}", noun, status(a), status(b)), kHttp, a.location,
           b.location);
    }
    if (signature(old_.m, a.result, false) != signature(new_.m, b.result, false)) {
      const bool same_shape = !a.result.is_none() && !b.result.is_none() &&
                              signature(old_.m, a.result, true) == signature(new_.m, b.result, true);
      emit(ChangeKind::OperationResultChanged, path,
           fmt::format("{}: result changed from {} to {}{}", noun, display(old_.m, a.result),
                       display(new_.m, b.result), same_shape ? " (same JSON shape)" : ""),
           same_shape ? kSource : kHttp | kSource, a.location, b.location);
    }
    const auto role_names = [](const Side& side, const std::vector<ir::RoleId>& roles) {
      return names_of(roles, [&](ir::RoleId r) { return side.m.roles[r.index].name; });
    };
    const auto roles_a = role_names(old_, a.roles);
    const auto roles_b = role_names(new_, b.roles);
    for (const std::string& role : missing_from(roles_a, roles_b)) {
      emit(ChangeKind::OperationRoleRemoved, path, fmt::format("{}: role `{}` removed from `by`", noun, role), kHttp,
           a.location, b.location);
    }
    for (const std::string& role : missing_from(roles_b, roles_a)) {
      emit(ChangeKind::OperationRoleAdded, path, fmt::format("{}: role `{}` added to `by`", noun, role), kNone,
           a.location, b.location);
    }
    diff_deprecation(path, noun, a.deprecated, b.deprecated, a.location, b.location);
    if (a.doc != b.doc) emit(ChangeKind::DocChanged, path, noun + ": documentation changed", kNone, a.location, b.location);
  }

  // ---- policies and targets ------------------------------------------------------------------------

  // A policy rule with its names; empty lists mean "every".
  struct Rule {
    bool allow = true;
    std::vector<std::string> roles;
    std::vector<std::string> actions;
    std::vector<std::string> targets;
    std::string guard;
    std::string text;  // normalized: names sorted
    std::string policy;
    ir::Location location;
  };

  static Rule rule_of(const Side& side, const ir::Policy& policy, const ir::PolicyRule& rule) {
    const ir::Module& m = side.m;
    Rule r;
    r.allow = rule.allow;
    r.roles = names_of(rule.roles, [&](ir::RoleId id) { return m.roles[id.index].name; });
    r.actions = rule.actions;
    r.targets = names_of(rule.targets, [&](ir::EntityId e) { return side.entity_name(e); });
    for (ir::ApiId api : rule.target_apis) r.targets.push_back(m.apis[api.index].name);
    for (ir::WorkflowId workflow : rule.target_workflows) r.targets.push_back(m.workflows[workflow.index].name);
    for (auto* names : {&r.roles, &r.actions, &r.targets}) std::sort(names->begin(), names->end());
    r.guard = rule.guard;
    r.policy = policy.name;
    r.location = rule.location;
    r.text = rule.allow ? "allow " : "deny ";
    r.text += r.roles.empty() ? "*" : fmt::format("{}", fmt::join(r.roles, ", "));
    r.text += " to ";
    if (r.actions.empty()) {
      r.text += "*";
    } else if (r.actions.size() == 1) {
      r.text += r.actions.front();
    } else {
      r.text += fmt::format("[{}]", fmt::join(r.actions, ", "));
    }
    if (!r.targets.empty()) r.text += fmt::format(" on {}", fmt::join(r.targets, ", "));
    if (!r.guard.empty()) r.text += " when " + r.guard;
    return r;
  }

  // Whether `general` applies to every call `specific` applies to (names compared as written:
  // `read` is not taken to include `list`).
  static bool covers(const Rule& general, const Rule& specific) {
    const auto includes = [](const std::vector<std::string>& all, const std::vector<std::string>& some) {
      if (all.empty()) return true;
      if (some.empty()) return false;
      return std::includes(all.begin(), all.end(), some.begin(), some.end());
    };
    return general.allow == specific.allow && includes(general.roles, specific.roles) &&
           includes(general.actions, specific.actions) && includes(general.targets, specific.targets) &&
           (general.guard.empty() || general.guard == specific.guard);
  }

  // Several policy blocks act as one, so rules are compared across all of them, as a multiset
  // of their normalized text. A removed allow rule takes access away, and an added deny rule
  // does, unless a rule of the other version still covers it (a widened rule is not a
  // narrowing).
  void diff_policy_rules() {
    const auto rules_of = [](const Side& side) {
      std::vector<Rule> rules;
      for (const ir::Policy& policy : side.m.policies) {
        for (const ir::PolicyRule& rule : policy.rules) rules.push_back(rule_of(side, policy, rule));
      }
      return rules;
    };
    const std::vector<Rule> rules_a = rules_of(old_);
    const std::vector<Rule> rules_b = rules_of(new_);
    std::map<std::string, int> remaining;
    for (const Rule& rule : rules_b) ++remaining[rule.text];
    std::map<std::string, int> matched;
    const auto policy_noun = [](const Rule& rule) {
      return rule.policy.empty() ? std::string("policy") : "policy " + rule.policy;
    };
    const auto covering = [](const std::vector<Rule>& rules, const Rule& rule) -> const Rule* {
      for (const Rule& other : rules) {
        if (covers(other, rule)) return &other;
      }
      return nullptr;
    };
    for (const Rule& rule : rules_a) {
      if (remaining[rule.text] > 0) {
        --remaining[rule.text];
        ++matched[rule.text];
        continue;
      }
      std::string message = fmt::format("{}: rule `{}` removed", policy_noun(rule), rule.text);
      Categories breaks;
      if (rule.allow) {
        const Rule* still = covering(rules_b, rule);
        if (still != nullptr) message += fmt::format(" (still granted by `{}`)", still->text);
        breaks = still != nullptr ? kNone : kHttp;
      }
      emit(ChangeKind::PolicyRuleRemoved, rule.policy.empty() ? "policy" : rule.policy, message, breaks, rule.location);
    }
    for (const Rule& rule : rules_b) {
      if (matched[rule.text] > 0) {
        --matched[rule.text];
        continue;
      }
      std::string message = fmt::format("{}: rule `{}` added", policy_noun(rule), rule.text);
      Categories breaks;
      if (!rule.allow) {
        const Rule* already = covering(rules_a, rule);
        if (already != nullptr) message += fmt::format(" (already denied by `{}`)", already->text);
        breaks = already != nullptr ? kNone : kHttp;
      }
      emit(ChangeKind::PolicyRuleAdded, rule.policy.empty() ? "policy" : rule.policy, message, breaks, {},
           rule.location);
    }
  }

  void diff_targets() {
    const auto find = [](const ir::Module& m, const std::string& name) -> const ir::Target* {
      for (const ir::Target& target : m.targets) {
        if (target.name == name) return &target;
      }
      return nullptr;
    };
    for (const ir::Target& a : old_.m.targets) {
      const ir::Target* b = find(new_.m, a.name);
      if (b == nullptr) {
        emit(ChangeKind::TargetRemoved, a.name, fmt::format("target {} removed", a.name), kSource, a.location);
        continue;
      }
      const auto option = [](const ir::Target& t, const std::string& name) -> const ir::Value* {
        for (const auto& [key, value] : t.options) {
          if (key == name) return &value;
        }
        return nullptr;
      };
      for (const auto& [key, value] : a.options) {
        const ir::Value* other = option(*b, key);
        if (other == nullptr) {
          emit(ChangeKind::TargetOptionChanged, a.name + "." + key,
               fmt::format("target {}: option `{}` removed (was `{}`)", a.name, key, value_text(value)), kSource,
               a.location, b->location);
        } else if (!(*other == value)) {
          emit(ChangeKind::TargetOptionChanged, a.name + "." + key,
               fmt::format("target {}: option `{}` changed from `{}` to `{}`", a.name, key, value_text(value),
                           value_text(*other)),
               kSource, a.location, b->location);
        }
      }
      for (const auto& [key, value] : b->options) {
        if (option(a, key) != nullptr) continue;
        emit(ChangeKind::TargetOptionChanged, a.name + "." + key,
             fmt::format("target {}: option `{}` added (`{}`)", a.name, key, value_text(value)), kSource, a.location,
             b->location);
      }
      if (a.doc != b->doc) {
        emit(ChangeKind::DocChanged, a.name, fmt::format("target {}: documentation changed", a.name), kNone,
             a.location, b->location);
      }
    }
    for (const ir::Target& b : new_.m.targets) {
      if (find(old_.m, b.name) == nullptr) {
        emit(ChangeKind::TargetAdded, b.name, fmt::format("target {} added", b.name), kNone, {}, b.location);
      }
    }
  }

  Side old_;
  Side new_;
  Flows flows_;
  std::vector<Change> changes_;
};

}  // namespace

std::vector<Change> diff_modules(const ir::Module& before, const ir::Module& after) {
  return Differ(before, after).run();
}

}  // namespace bpc::diff
