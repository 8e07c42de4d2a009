#include "backends/python/py_context.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "backends/support/naming.h"
#include "base/pattern.h"
#include "ir/formats.h"

namespace bpc::backends::python {

namespace {

// What generated modules import or define at module level, and what BaseModel and SQLAlchemy's
// declarative classes define: no declaration, field or function may take these names.
constexpr std::string_view kReserved[] = {
    // Imports of model.py, tables.py, the routers and workflows.
    "Annotated", "AfterValidator", "AwareDatetime", "BaseModel", "ConfigDict", "Field", "JsonValue", "Literal",
    "StringConstraints", "TypeAdapter", "field_validator", "annotations", "datetime", "dt", "checks", "model", "tables",
    "schemas", "handlers", "guards", "conditions", "workflows", "Mapped", "mapped_column", "DeclarativeBase",
    "ForeignKey", "UniqueConstraint", "Index", "MetaData", "JSON", "JSONB", "String", "Text", "BigInteger",
    "Boolean", "Date", "DateTime", "Double", "Base", "ENTITIES", "EVENTS", "Row", "Id", "Store", "Services",
    "APIRouter", "Request", "Response", "PendingEvents", "HttpProblem", "uuid", "json", "refuse_null",
    // unittest's deprecated alias, which ruff's PT009 takes a function of that name for.
    "assert_",
    // BaseModel's members (Pydantic 2, and the deprecated Pydantic 1 names it still defines).
    "model_config", "model_fields", "model_computed_fields", "model_extra", "model_fields_set", "model_construct",
    "model_copy", "model_dump", "model_dump_json", "model_json_schema", "model_parametrized_name",
    "model_post_init", "model_rebuild", "model_validate", "model_validate_json", "model_validate_strings",
    "copy", "construct", "dict", "from_orm", "parse_file", "parse_obj", "parse_raw", "schema", "schema_json",
    "update_forward_refs", "validate", "fields",
    // SQLAlchemy declarative classes.
    "metadata", "registry",
};

struct Suffixes {
  std::string_view kind;
  std::vector<std::string_view> suffixes;
};

const std::vector<Suffixes>& derived_suffixes() {
  static const std::vector<Suffixes> table = {
      {"entity", {"Create", "Update", "Row", "DESCRIPTOR"}},
  };
  return table;
}

std::string key_of(std::string_view kind, std::uint32_t index, std::string_view suffix = {}) {
  return suffix.empty() ? fmt::format("{}:{}", kind, index) : fmt::format("{}:{}:{}", kind, index, suffix);
}

std::string owner_key(const ir::FieldOwner& owner) {
  return fmt::format("{}:{}:{}", static_cast<int>(owner.kind), owner.index, owner.workflow);
}

// `checks.matches(r"...", "Invalid email")`: a pattern of the dialect spelled for Python's `re`.
std::string matches(std::string_view pattern, std::string_view message) {
  return fmt::format("checks.matches({}, {})", python_string(base::translate_pattern(pattern, base::PatternEngine::Python)),
                     python_string(message));
}

// The largest integer JSON carries exactly (I-JSON), as the OpenAPI documents say.
constexpr std::string_view kSafeInteger = "9007199254740991";

}  // namespace

PyContext::PyContext(const service::ServiceModel& model, std::string package)
    : model_(model), module_(model.module()), package_(std::move(package)), schema_(service::relational_schema(model)) {
  const ir::Module& m = module_;
  std::vector<std::pair<std::string, std::string>> declarations;  // key, blueprint name
  for (std::uint32_t i = 0; i < m.aliases.size(); ++i) declarations.emplace_back(key_of("alias", i), m.aliases[i].name);
  for (std::uint32_t i = 0; i < m.enums.size(); ++i) declarations.emplace_back(key_of("enum", i), m.enums[i].name);
  for (std::uint32_t i = 0; i < m.structs.size(); ++i) declarations.emplace_back(key_of("struct", i), m.structs[i].name);
  for (std::uint32_t i = 0; i < m.entities.size(); ++i) declarations.emplace_back(key_of("entity", i), m.entities[i].name);
  for (std::uint32_t i = 0; i < m.events.size(); ++i) declarations.emplace_back(key_of("event", i), m.events[i].name);
  std::vector<std::string> names;
  for (const auto& [key, name] : declarations) names.push_back(name);
  Namer namer(Target::Python);
  namer.define("types", names, Case::Pascal, NameKind::Type, kReserved);
  std::set<std::string, std::less<>> used(std::begin(kReserved), std::end(kReserved));
  for (const auto& [key, name] : declarations) names_[key] = namer.get("types", name);
  for (const auto& [key, name] : declarations) used.insert(names_[key]);
  // Classes are CapWords (ruff's N801): a mangled name loses its underscores (`BaseModel_` and
  // `Class_2` become `BaseModelType` and `Class2`), with `Type` or a number added to stay unique.
  for (const auto& [key, name] : declarations) {
    std::string& identifier = names_[key];
    if (identifier.find('_') == std::string::npos) continue;
    const bool reserved_word = identifier.back() == '_';
    std::string candidate;
    for (char c : identifier) {
      if (c != '_') candidate += c;
    }
    if (candidate.empty() || reserved_word) candidate += "Type";
    const std::string stem = candidate;
    for (int n = 2; used.contains(candidate) || is_reserved(candidate, Target::Python, NameKind::Type); ++n) {
      candidate = stem + std::to_string(n);
    }
    used.erase(identifier);
    used.insert(candidate);
    identifier = candidate;
  }
  for (const Suffixes& entry : derived_suffixes()) {
    const std::string prefix = fmt::format("{}:", entry.kind);
    for (const auto& [key, name] : declarations) {
      if (!key.starts_with(prefix)) continue;
      for (std::string_view suffix : entry.suffixes) {
        // `DESCRIPTOR` names the entity's descriptor constant: PATIENT.
        std::string candidate = suffix == "DESCRIPTOR" ? to_screaming_snake_case(names_[key]) : names_[key] + std::string(suffix);
        if (candidate.empty()) candidate = "ENTITY";
        while (used.contains(candidate)) candidate += "_";
        used.insert(candidate);
        names_[fmt::format("{}:{}", key, suffix)] = candidate;
      }
    }
  }

  // Fields: one scope per owner (a struct, entity, event, operation or transition).
  // (Each scope is named for itself alone, so the order they are defined in does not matter.)
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_owner;
  for (std::uint32_t i = 0; i < m.fields.size(); ++i) by_owner[owner_key(m.fields[i].owner)].push_back(i);
  fields_.resize(m.fields.size());
  for (const auto& [owner, members] : by_owner) {
    std::vector<std::string> field_names;
    for (std::uint32_t i : members) field_names.push_back(m.fields[i].name);
    const std::string scope = "fields:" + owner;
    namer.define(scope, field_names, Case::Snake, NameKind::Value, kReserved);
    const auto& identifiers = namer.scope(scope);
    for (std::uint32_t i : members) fields_[i] = identifiers.find(m.fields[i].name)->second;
  }

  std::vector<std::string> api_names;
  for (const ir::Api& api : m.apis) api_names.push_back(api.name);
  namer.define("api-modules", api_names, Case::Snake, NameKind::Value, kReserved);
  for (const ir::Api& api : m.apis) {
    const std::string& module_name = namer.get("api-modules", api.name);
    apis_.push_back({module_name, module_name + "_router"});
  }
  operations_.resize(m.operations.size());
  operation_classes_.resize(m.operations.size());
  for (std::uint32_t a = 0; a < m.apis.size(); ++a) {
    std::vector<std::string> op_names;
    for (ir::OperationId op : m.apis[a].operations) op_names.push_back(m.operations[op.index].name);
    static constexpr std::string_view kRouterIdentifiers[] = {"router", "services", "access", "in_thread", "assert_"};
    const std::string scope = fmt::format("operations:{}", a);
    namer.define(scope, op_names, Case::Snake, NameKind::Value, kRouterIdentifiers);
    namer.define(scope + ":classes", op_names, Case::Pascal, NameKind::Type, kReserved);
    for (ir::OperationId op : m.apis[a].operations) {
      operations_[op.index] = namer.get(scope, m.operations[op.index].name);
      operation_classes_[op.index] = namer.get(scope + ":classes", m.operations[op.index].name);
    }
  }
  std::vector<std::string> workflow_names;
  for (const ir::Workflow& w : m.workflows) workflow_names.push_back(w.name);
  namer.define("workflows", workflow_names, Case::Pascal, NameKind::Type, kReserved);
  for (std::uint32_t w = 0; w < m.workflows.size(); ++w) {
    workflows_.push_back(namer.get("workflows", m.workflows[w].name));
    std::vector<std::string> triggers;
    for (const ir::Transition& t : m.workflows[w].transitions) triggers.push_back(t.trigger);
    for (const std::string& guard : m.workflows[w].guards) triggers.push_back(guard);
    const std::string scope = fmt::format("triggers:{}", w);
    namer.define(scope, triggers, Case::Snake, NameKind::Value, kReserved);
    triggers_.push_back(namer.scope(scope));
  }
  for (const ir::Entity& e : m.entities) tables_.push_back(schema_.entity_table(e.name)->name);
}

const std::string& PyContext::type_name(std::string_view kind, std::uint32_t index) const {
  const auto it = names_.find(key_of(kind, index));
  if (it == names_.end()) throw std::logic_error(fmt::format("no Python name for {} {}", kind, index));
  return it->second;
}

const std::string& PyContext::derived(std::string_view kind, std::uint32_t index, std::string_view suffix) const {
  const auto it = names_.find(key_of(kind, index, suffix));
  if (it == names_.end()) throw std::logic_error(fmt::format("no Python name for {} {} {}", kind, index, suffix));
  return it->second;
}

const std::string& PyContext::trigger_name(ir::WorkflowId workflow, std::string_view trigger) const {
  const auto& names = triggers_[workflow.index];
  const auto it = names.find(trigger);
  if (it == names.end()) throw std::logic_error(fmt::format("no Python name for trigger {}", trigger));
  return it->second;
}

std::string PyContext::string(std::string_view text) {
  // Double quotes, unless single ones need fewer escapes (as ruff's formatter and its Q003 rule want).
  const auto doubles = std::count(text.begin(), text.end(), '"');
  const auto singles = std::count(text.begin(), text.end(), '\'');
  return python_string(text, doubles > singles ? Quote::Single : Quote::Double);
}

std::string PyContext::tuple(const std::vector<std::string>& items) {
  if (items.size() == 1) return fmt::format("({},)", items.front());
  return fmt::format("({})", fmt::join(items, ", "));
}

std::set<std::string, std::less<>> PyContext::identifiers_in(std::string_view code) {
  // Distinct names first, by hash and without copying (a module of 10,000 entities holds millions
  // of identifiers and tens of thousands of distinct ones), then the sorted set of copies.
  static constexpr auto kWord = [] {
    std::array<bool, 256> word{};
    for (int c = 0; c < 256; ++c) word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    return word;
  }();
  const auto word = [](char c) { return kWord[static_cast<unsigned char>(c)]; };
  std::unordered_set<std::string_view> seen;
  std::size_t i = 0;
  while (i < code.size()) {
    const char c = code[i];
    if (c == '#') {
      const std::size_t end = code.find('\n', i);
      i = end == std::string_view::npos ? code.size() : end;
    } else if (c == '"' || c == '\'') {
      const std::string_view triple = c == '"' ? R"(""")" : "'''";
      const std::string_view close = code.substr(i, 3) == triple ? triple : triple.substr(0, 1);
      i += close.size();
      while (i < code.size()) {
        while (i < code.size() && code[i] != c && code[i] != '\\') ++i;
        if (i >= code.size()) break;
        if (code[i] == '\\') {
          i += 2;
        } else if (code.substr(i, close.size()) == close) {
          i += close.size();
          break;
        } else {
          ++i;
        }
      }
    } else if (word(c)) {
      const std::size_t start = i;
      while (i < code.size() && word(code[i])) ++i;
      // An attribute (`x.name`) is not a use of `name`.
      if (start == 0 || code[start - 1] != '.') seen.insert(code.substr(start, i - start));
    } else {
      ++i;
    }
  }
  return {seen.begin(), seen.end()};
}

std::string PyContext::import_line(std::string_view module, std::initializer_list<std::string_view> candidates,
                                   const std::set<std::string, std::less<>>& used) {
  std::vector<std::string_view> names;
  for (std::string_view name : candidates) {
    if (used.contains(name)) names.push_back(name);
  }
  if (names.empty()) return std::string();
  return fmt::format("from {} import {}\n", module, fmt::join(names, ", "));
}

std::string PyContext::scalar(ir::Scalar scalar, const ir::Constraints* c) const {
  std::vector<std::string> metadata;
  const auto annotated = [&](std::string_view type) {
    return metadata.empty() ? std::string(type) : fmt::format("Annotated[{}, {}]", type, fmt::join(metadata, ", "));
  };
  const auto lengths = [&] {
    if (c == nullptr) return;
    std::vector<std::string> args;
    if (c->min_length) args.push_back(fmt::format("min_length={}", *c->min_length));
    if (c->max_length) args.push_back(fmt::format("max_length={}", *c->max_length));
    if (!args.empty()) metadata.push_back(fmt::format("Field({})", fmt::join(args, ", ")));
  };
  switch (scalar) {
    case ir::Scalar::String:
    case ir::Scalar::Text:
      // Python's len() counts code points, as the checker and JSON Schema do.
      lengths();
      if (c != nullptr && c->pattern) metadata.push_back(matches(*c->pattern, "Invalid value: does not match the pattern"));
      if (c != nullptr && c->format) {
        if (const auto pattern = ir::format_pattern(*c->format)) metadata.push_back(matches(*pattern, fmt::format("Invalid {}", *c->format)));
      }
      return annotated("str");
    case ir::Scalar::Int: {
      // Bounds beyond I-JSON are held to it (the documents say so too).
      const long double safe = std::stold(std::string(kSafeInteger));
      const auto value = [](const std::string& text) {  // a bound's spelling; beyond long double: infinite
        try {
          return std::stold(text);
        } catch (const std::out_of_range&) {
          return text.starts_with('-') ? -HUGE_VALL : HUGE_VALL;
        }
      };
      const bool own_min = c != nullptr && c->min && value(*c->min) >= -safe;
      const bool own_max = c != nullptr && c->max && value(*c->max) <= safe;
      metadata.emplace_back("checks.INTEGRAL");
      metadata.push_back(fmt::format("Field(ge={}, le={})", own_min ? *c->min : fmt::format("-{}", kSafeInteger),
                                     own_max ? *c->max : std::string(kSafeInteger)));
      return annotated("int");
    }
    case ir::Scalar::Float: {
      std::vector<std::string> args;
      if (c != nullptr && c->min) args.push_back(fmt::format("ge={}", *c->min));
      if (c != nullptr && c->max) args.push_back(fmt::format("le={}", *c->max));
      args.emplace_back("allow_inf_nan=False");
      metadata.push_back(fmt::format("Field({})", fmt::join(args, ", ")));
      return annotated("float");
    }
    case ir::Scalar::Decimal: {
      const ir::Constraints none;
      const ir::Constraints& d = c != nullptr ? *c : none;
      metadata.push_back(fmt::format("checks.decimal({}, {}, {})",
                                     python_string(base::translate_pattern(ir::decimal_pattern(d), base::PatternEngine::Python)),
                                     d.min ? python_string(*d.min) : "None", d.max ? python_string(*d.max) : "None"));
      return annotated("str");
    }
    case ir::Scalar::Bool: return "bool";
    case ir::Scalar::Uuid: metadata.emplace_back("checks.UUID"); return annotated("str");
    // Text spelt as RFC 3339, as records hold it; datetimes in UTC (runtime/checks.py).
    case ir::Scalar::Date: metadata.emplace_back("checks.DATE"); return annotated("str");
    case ir::Scalar::DateTime: metadata.emplace_back("checks.DATETIME"); return annotated("str");
    case ir::Scalar::Duration: metadata.emplace_back("checks.DURATION"); return annotated("str");
    case ir::Scalar::Bytes:
      metadata.emplace_back("checks.BASE64");
      if (c != nullptr && (c->min_length || c->max_length)) {
        metadata.push_back(fmt::format("checks.byte_length({}, {})", c->min_length ? std::to_string(*c->min_length) : "None",
                                       c->max_length ? std::to_string(*c->max_length) : "None"));
      }
      return annotated("str");
    case ir::Scalar::Json: return "JsonValue";
  }
  throw std::logic_error("unknown scalar");
}

std::string PyContext::annotation(ir::TypeId id, const ir::Constraints* constraints, EntityForm form,
                                  std::string_view prefix) const {
  const ir::Type& type = module_.type(id);
  switch (type.kind) {
    case ir::Type::Kind::Alias: {
      const ir::Alias& alias = module_.aliases[type.declaration];
      ir::Constraints merged = alias.constraints;
      if (constraints != nullptr) ir::override_constraints(merged, *constraints);
      return annotation(alias.target, &merged, form, prefix);
    }
    case ir::Type::Kind::Optional: return annotation(type.element, constraints, form, prefix) + " | None";
    case ir::Type::Kind::Scalar: return scalar(type.scalar, constraints);
    case ir::Type::Kind::Enum: return std::string(prefix) + type_name("enum", type.declaration);
    case ir::Type::Kind::Struct: return std::string(prefix) + type_name("struct", type.declaration);
    case ir::Type::Kind::Entity: {
      if (form == EntityForm::Record) return std::string(prefix) + type_name("entity", type.declaration);
      const ir::Entity& entity = module_.entities[type.declaration];
      if (entity.id_field.is_none()) return "str";
      const ir::Field& id_field = module_.field(entity.id_field);
      return annotation(id_field.type, &*id_field.constraints, EntityForm::Id, prefix);
    }
    case ir::Type::Kind::List: {
      const std::string list = fmt::format("list[{}]", annotation(type.element, nullptr, form, prefix));
      std::vector<std::string> args;
      if (constraints != nullptr && constraints->min_length) args.push_back(fmt::format("min_length={}", *constraints->min_length));
      if (constraints != nullptr && constraints->max_length) args.push_back(fmt::format("max_length={}", *constraints->max_length));
      return args.empty() ? list : fmt::format("Annotated[{}, Field({})]", list, fmt::join(args, ", "));
    }
    case ir::Type::Kind::Map: return fmt::format("dict[str, {}]", annotation(type.element, nullptr, form, prefix));
  }
  throw std::logic_error("unknown type kind");
}

std::string PyContext::literal(const ir::Value& value, ir::TypeId type_id, std::string_view prefix) const {
  const ir::Type& type = base(type_id);
  if (type.kind == ir::Type::Kind::Struct && value.kind == ir::Value::Kind::Object) {
    return fmt::format("{}{}.model_validate({})", prefix, type_name("struct", type.declaration), wire_literal(value, type_id));
  }
  if (type.kind == ir::Type::Kind::List && value.kind == ir::Value::Kind::List) {
    std::vector<std::string> items;
    for (const ir::Value& item : value.items) items.push_back(literal(item, type.element, prefix));
    return fmt::format("[{}]", fmt::join(items, ", "));
  }
  return wire_literal(value, type_id);
}

std::string PyContext::wire_literal(const ir::Value& value, ir::TypeId type_id) const {
  const ir::Type& type = base(type_id);
  const bool decimal = type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Decimal;
  const bool floating = type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Float;
  switch (value.kind) {
    case ir::Value::Kind::Null: return "None";
    case ir::Value::Kind::Bool: return value.boolean ? "True" : "False";
    case ir::Value::Kind::Integer:
      if (decimal) return string(std::to_string(value.integer));
      return floating ? std::to_string(value.integer) + ".0" : std::to_string(value.integer);
    case ir::Value::Kind::Number: return decimal ? string(value.text) : value.text;
    case ir::Value::Kind::String: return string(value.text);
    case ir::Value::Kind::Name:
      return string(type.kind == ir::Type::Kind::Enum ? ir::wire_name(module_.enums[type.declaration], value.text) : value.text);
    case ir::Value::Kind::List: {
      std::vector<std::string> items;
      const ir::TypeId element = type.kind == ir::Type::Kind::List ? type.element : type_id;
      for (const ir::Value& item : value.items) items.push_back(wire_literal(item, element));
      return fmt::format("[{}]", fmt::join(items, ", "));
    }
    case ir::Value::Kind::Object: {
      std::vector<std::string> entries;
      for (const auto& [name, item] : value.entries) {
        ir::TypeId member = type_id;
        if (type.kind == ir::Type::Kind::Struct) {
          for (ir::FieldId f : module_.structs[type.declaration].fields) {
            if (module_.field(f).name == name) member = module_.field(f).type;
          }
        } else if (type.kind == ir::Type::Kind::Map) {
          member = type.element;
        }
        entries.push_back(fmt::format("{}: {}", string(name), wire_literal(item, member)));
      }
      return fmt::format("{{{}}}", fmt::join(entries, ", "));
    }
  }
  return "None";
}

std::string PyContext::order_kind(ir::FieldId f) const {
  const ir::Type& type = base(module_.field(f).type);
  if (type.kind == ir::Type::Kind::Enum) {
    std::vector<std::string> values;
    for (const ir::EnumValue& value : module_.enums[type.declaration].values) values.push_back(string(ir::wire_name(value)));
    return fmt::format("({},)", fmt::join(values, ", "));
  }
  if (type.kind != ir::Type::Kind::Scalar) return "\"text\"";
  switch (type.scalar) {
    case ir::Scalar::Int:
    case ir::Scalar::Float: return "\"number\"";
    case ir::Scalar::Decimal: return "\"decimal\"";
    case ir::Scalar::Date: return "\"date\"";
    case ir::Scalar::DateTime: return "\"datetime\"";
    case ir::Scalar::Bool: return "\"boolean\"";
    default: return "\"text\"";
  }
}

std::string PyContext::column_kind(ir::FieldId f) const {
  switch (model_.column_kind(f)) {
    case service::ColumnKind::Integer: return "\"integer\"";
    case service::ColumnKind::Float: return "\"float\"";
    case service::ColumnKind::Decimal: return "\"decimal\"";
    case service::ColumnKind::Boolean: return "\"boolean\"";
    case service::ColumnKind::Date: return "\"date\"";
    case service::ColumnKind::DateTime: return "\"datetime\"";
    case service::ColumnKind::Json: return "\"json\"";
    case service::ColumnKind::Text: break;
  }
  return "\"text\"";
}

}  // namespace bpc::backends::python
