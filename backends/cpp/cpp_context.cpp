#include "backends/cpp/cpp_context.h"

#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "backends/backend.h"
#include "backends/support/access.h"
#include "base/pattern.h"
#include "ir/formats.h"

namespace bpc::backends::cpp {

namespace {

// Identifiers the generated headers declare in the project's namespace, or use unqualified there.
constexpr std::string_view kReserved[] = {
    "Json", "bpc", "httplib", "nlohmann", "re2", "testing", "make_settings", "openapi_document", "descriptors",
    "to_json", "from_json", "handlers", "entities",
};

std::string scalar_enumerator(ir::Scalar scalar) {
  switch (scalar) {
    case ir::Scalar::String: return "String";
    case ir::Scalar::Text: return "Text";
    case ir::Scalar::Int: return "Int";
    case ir::Scalar::Float: return "Float";
    case ir::Scalar::Decimal: return "Decimal";
    case ir::Scalar::Bool: return "Bool";
    case ir::Scalar::Uuid: return "Uuid";
    case ir::Scalar::Date: return "Date";
    case ir::Scalar::DateTime: return "DateTime";
    case ir::Scalar::Duration: return "Duration";
    case ir::Scalar::Bytes: return "Bytes";
    case ir::Scalar::Json: return "Json";
  }
  throw std::logic_error("unknown scalar");
}

}  // namespace

CppContext::CppContext(const service::ServiceModel& model, std::string ns)
    : model_(model), module_(model.module()), ns_(std::move(ns)), namer_(Target::Cpp) {
  const std::span<const std::string_view> reserved(kReserved);
  std::vector<std::string> types;
  std::vector<std::string> globals;
  for (const ir::Enum& e : module_.enums) types.push_back(e.name);
  for (const ir::Struct& s : module_.structs) types.push_back(s.name);
  for (const ir::Entity& e : module_.entities) {
    types.push_back(e.name);
    globals.push_back(to_snake_case(e.name) + "_entity");
    globals.push_back(to_snake_case(e.name) + "_create");
    globals.push_back(to_snake_case(e.name) + "_update");
  }
  for (const ir::Struct& s : module_.structs) globals.push_back(to_snake_case(s.name) + "_record");
  namer_.define("types", types, Case::AsIs, NameKind::Type, reserved);
  // The first operation of a name keeps it; later ones (of other APIs) take their API's in front.
  std::set<std::string> stems;
  for (const ir::Operation& op : module_.operations) stems.insert(to_snake_case(op.name));
  std::set<std::string> named;
  for (const ir::Operation& op : module_.operations) {
    std::string stem = to_snake_case(op.name);
    if (!named.insert(stem).second) {
      const std::string base = to_snake_case(module_.apis[op.api.index].name) + "_" + stem;
      stem = base;
      for (int n = 2; !stems.insert(stem).second; ++n) stem = fmt::format("{}_{}", base, n);
    }
    globals.push_back(stem + "_path");
    globals.push_back(stem + "_input");
    operation_stems_.push_back(std::move(stem));
  }
  // Globals share a scope with the types: both live in the project's namespace. Globals are
  // snake_case, so only a type written in lower case can clash with one: only those are reserved
  // (a check of every name against every type would be quadratic in large models).
  std::vector<std::string_view> taken(reserved.begin(), reserved.end());
  for (const auto& [name, identifier] : namer_.scope("types")) {
    if (identifier.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos) taken.push_back(identifier);
  }
  namer_.define("globals", globals, Case::AsIs, NameKind::Value, taken);
  // Hand-written functions: distinct kinds may share a blueprint name, so each candidate is
  // made unique here, in a fixed order (operations, conditions, guards).
  std::set<std::string> hooks(reserved.begin(), reserved.end());
  const auto hook = [&](const std::string& candidate) {
    const std::string base = mangle(candidate, Target::Cpp, NameKind::Value);
    std::string name = base;
    for (int n = 2; !hooks.insert(name).second; ++n) name = fmt::format("{}{}{}", base, base.ends_with('_') ? "" : "_", n);
    return name;
  };
  operations_.resize(module_.operations.size());
  for (std::size_t i = 0; i < module_.operations.size(); ++i) operations_[i] = hook(to_snake_case(module_.operations[i].name));
  for (const ir::Operation& op : module_.operations) {
    const OperationAccess access = operation_access(module_, op);
    for (const auto* rules : {&access.conditional_grants, &access.denials}) {
      for (const ConditionalRule& rule : *rules) {
        if (!rule.condition.empty() && !conditions_.contains(rule.condition)) conditions_[rule.condition] = "";
      }
    }
  }
  for (auto& [condition, function] : conditions_) function = hook("condition_" + to_snake_case(condition));
  for (std::uint32_t w = 0; w < module_.workflows.size(); ++w) {
    for (const std::string& guard : module_.workflows[w].guards) {
      guards_[fmt::format("{}.{}", w, guard)] = hook(fmt::format("guard_{}_{}", to_snake_case(module_.workflows[w].name), to_snake_case(guard)));
    }
  }
  for (std::uint32_t e = 0; e < module_.events.size(); ++e) {
    for (std::uint32_t h = 0; h < module_.events[e].handlers.size(); ++h) {
      handlers_[fmt::format("{}.{}", e, h)] = hook("on_" + to_snake_case(module_.events[e].handlers[h].name));
    }
  }

  fields_.resize(module_.fields.size());
  // A member may not have its class's name, nor change what a type's name means in its class:
  // members are snake_case, so the types written in lower case are reserved.
  const std::vector<std::string_view>& member_reserved = taken;
  const auto define_fields = [&](const std::string& scope, const std::vector<ir::FieldId>& ids) {
    std::vector<std::string> names;
    for (ir::FieldId f : ids) names.push_back(module_.field(f).name);
    namer_.define(scope, names, Case::Snake, NameKind::Value, member_reserved);
    for (ir::FieldId f : ids) fields_[f.index] = namer_.get(scope, module_.field(f).name);
  };
  for (std::uint32_t i = 0; i < module_.structs.size(); ++i) define_fields(fmt::format("fields:struct:{}", i), module_.structs[i].fields);
  for (std::uint32_t i = 0; i < module_.entities.size(); ++i) define_fields(fmt::format("fields:entity:{}", i), module_.entities[i].fields);
  for (std::uint32_t i = 0; i < module_.enums.size(); ++i) {
    std::vector<std::string> values;
    for (const ir::EnumValue& v : module_.enums[i].values) values.push_back(v.name);
    namer_.define(fmt::format("enum:{}", i), values, Case::AsIs, NameKind::Value, reserved);
  }
}

std::string CppContext::include_dir() const {
  std::string out = ns_;
  for (std::size_t at = out.find("::"); at != std::string::npos; at = out.find("::", at)) out.replace(at, 2, "/");
  return out;
}

std::string CppContext::project() const {
  std::string out = ns_;
  for (std::size_t at = out.find("::"); at != std::string::npos; at = out.find("::", at)) out.replace(at, 2, "_");
  return out;
}

const std::string& CppContext::type_name(std::string_view kind, std::uint32_t index) const {
  if (kind == "enum") return namer_.get("types", module_.enums[index].name);
  if (kind == "struct") return namer_.get("types", module_.structs[index].name);
  if (kind == "entity") return namer_.get("types", module_.entities[index].name);
  throw std::logic_error(fmt::format("no type kind {}", kind));
}

const std::string& CppContext::global(const std::string& key) const { return namer_.get("globals", key); }

const std::string& CppContext::condition_name(std::string_view condition) const { return conditions_.find(condition)->second; }

const std::string& CppContext::handler_name(std::uint32_t event, std::uint32_t handler) const {
  return handlers_.at(fmt::format("{}.{}", event, handler));
}

const std::string& CppContext::guard_name(ir::WorkflowId workflow, std::string_view guard) const {
  return guards_.at(fmt::format("{}.{}", workflow.index, guard));
}

const std::string& CppContext::enumerator(std::uint32_t enumeration, std::string_view value) const {
  return namer_.get(fmt::format("enum:{}", enumeration), value);
}

std::string CppContext::cpp_type(ir::TypeId id) const {
  const ir::Type& type = module_.type(id);
  switch (type.kind) {
    case ir::Type::Kind::Alias: return cpp_type(module_.aliases[type.declaration].target);
    case ir::Type::Kind::Optional: return fmt::format("std::optional<{}>", cpp_type(type.element));
    case ir::Type::Kind::List: return fmt::format("std::vector<{}>", cpp_type(type.element));
    case ir::Type::Kind::Map: return fmt::format("std::map<std::string, {}>", cpp_type(type.element));
    case ir::Type::Kind::Enum: return type_name("enum", type.declaration);
    case ir::Type::Kind::Struct: return type_name("struct", type.declaration);
    case ir::Type::Kind::Entity: {
      const ir::Entity& entity = module_.entities[type.declaration];
      return entity.id_field.is_none() ? "std::string" : cpp_type(module_.field(entity.id_field).type);
    }
    case ir::Type::Kind::Scalar:
      switch (type.scalar) {
        case ir::Scalar::Int: return "std::int64_t";
        case ir::Scalar::Float: return "double";
        case ir::Scalar::Bool: return "bool";
        case ir::Scalar::Json: return "bpc::runtime::Json";
        default: return "std::string";
      }
  }
  throw std::logic_error("unknown type kind");
}

std::string CppContext::define(std::string expression) const {
  const auto it = interned_.find(expression);
  if (it != interned_.end()) return it->second;
  std::string name = fmt::format("type_{}", definitions_.size());
  definitions_.push_back(fmt::format("const Type {} = {};", name, expression));
  interned_.emplace(std::move(expression), name);
  return name;
}

std::string CppContext::constraints_expression(const ir::Type& type, const ir::Constraints& c) const {
  const bool scalar = type.kind == ir::Type::Kind::Scalar;
  const bool stringy = scalar && (type.scalar == ir::Scalar::String || type.scalar == ir::Scalar::Text);
  const bool numeric = scalar && (type.scalar == ir::Scalar::Int || type.scalar == ir::Scalar::Float);
  const bool decimal = scalar && type.scalar == ir::Scalar::Decimal;
  const bool bytes = scalar && type.scalar == ir::Scalar::Bytes;
  const bool list = type.kind == ir::Type::Kind::List || type.kind == ir::Type::Kind::Map;
  std::string out;
  if (stringy || bytes || list) {
    if (c.min_length) out += fmt::format(".with_min_length({})", *c.min_length);
    if (c.max_length) out += fmt::format(".with_max_length({})", *c.max_length);
  }
  if (numeric || decimal) {
    if (c.min) out += fmt::format(".with_min({})", string(*c.min));
    if (c.max) out += fmt::format(".with_max({})", string(*c.max));
  }
  const auto pattern = [&](std::string_view text, std::string_view message) {
    out += fmt::format(".with_pattern({}, {})", string(base::translate_pattern(text, base::PatternEngine::Re2)), string(message));
  };
  if (stringy && c.pattern) pattern(*c.pattern, "Invalid value: does not match the pattern");
  if (stringy && c.format) {
    if (const auto format = ir::format_pattern(*c.format)) pattern(*format, fmt::format("Invalid {}", *c.format));
  }
  if (decimal && (c.precision || c.min)) pattern(ir::decimal_pattern(c), "Invalid decimal");
  return out.empty() ? std::string() : "Constraints()" + out;
}

std::string CppContext::type_descriptor(ir::TypeId id, const ir::Constraints* constraints) const {
  const ir::Type& type = module_.type(id);
  const auto with = [&](const std::string& constraints_text) { return constraints_text.empty() ? "" : ", " + constraints_text; };
  switch (type.kind) {
    case ir::Type::Kind::Alias: {
      const ir::Alias& alias = module_.aliases[type.declaration];
      ir::Constraints merged = alias.constraints;
      if (constraints != nullptr) ir::override_constraints(merged, *constraints);
      return type_descriptor(alias.target, &merged);
    }
    case ir::Type::Kind::Optional: {
      // A field's constraints hold its value, not the null.
      return define(fmt::format("Type::optional({})", type_descriptor(type.element, constraints)));
    }
    case ir::Type::Kind::Scalar: {
      const std::string c = constraints == nullptr ? "" : constraints_expression(type, *constraints);
      return define(fmt::format("Type::of(Scalar::{}{})", scalar_enumerator(type.scalar), with(c)));
    }
    case ir::Type::Kind::Enum: {
      std::vector<std::string> values;
      for (const ir::EnumValue& v : module_.enums[type.declaration].values) values.push_back(string(ir::wire_name(v)));
      return define(fmt::format("Type::enumeration({{{}}})", fmt::join(values, ", ")));
    }
    case ir::Type::Kind::Struct:
      return define(fmt::format("Type::record({})", global(to_snake_case(module_.structs[type.declaration].name) + "_record")));
    case ir::Type::Kind::Entity: {
      const ir::Entity& entity = module_.entities[type.declaration];
      if (entity.id_field.is_none()) return define("Type::of(Scalar::String)");
      const ir::Field& id_field = module_.field(entity.id_field);
      return type_descriptor(id_field.type, &*id_field.constraints);
    }
    case ir::Type::Kind::List:
    case ir::Type::Kind::Map: {
      const std::string element = type_descriptor(type.element, nullptr);
      const std::string c = constraints == nullptr ? "" : constraints_expression(type, *constraints);
      return define(fmt::format("Type::{}({}{})", type.kind == ir::Type::Kind::List ? "list" : "map", element, with(c)));
    }
  }
  throw std::logic_error("unknown type kind");
}

std::string CppContext::field_descriptor(ir::FieldId id) const {
  const ir::Field& field = module_.field(id);
  return type_descriptor(field.type, &*field.constraints);
}

std::string CppContext::json_literal(const ir::Value& value, ir::TypeId type_id) const {
  const ir::Type& type = model_.base(type_id);
  const bool decimal = type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Decimal;
  switch (value.kind) {
    case ir::Value::Kind::Null: return "Json(nullptr)";
    case ir::Value::Kind::Bool: return value.boolean ? "Json(true)" : "Json(false)";
    case ir::Value::Kind::Integer:
      return decimal ? fmt::format("Json({})", string(std::to_string(value.integer)))
                     : fmt::format("Json(std::int64_t{{{}}})", value.integer);
    case ir::Value::Kind::Number:
      return decimal ? fmt::format("Json({})", string(value.text)) : fmt::format("Json::parse({})", string(value.text));
    case ir::Value::Kind::String: return fmt::format("Json({})", string(value.text));
    case ir::Value::Kind::Name:
      return fmt::format("Json({})", string(type.kind == ir::Type::Kind::Enum ? ir::wire_name(module_.enums[type.declaration], value.text)
                                                                              : std::string_view(value.text)));
    case ir::Value::Kind::List: {
      std::vector<std::string> items;
      const ir::TypeId element = type.kind == ir::Type::Kind::List ? type.element : type_id;
      for (const ir::Value& item : value.items) items.push_back(json_literal(item, element));
      return fmt::format("Json::array({{{}}})", fmt::join(items, ", "));
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
        entries.push_back(fmt::format("{{{}, {}}}", string(name), json_literal(item, member)));
      }
      return fmt::format("json_object({{{}}})", fmt::join(entries, ", "));
    }
  }
  return "Json(nullptr)";
}

std::string CppContext::parameter_kind(ir::TypeId type) const {
  const std::string kind = model_.parameter_kind(type);
  if (kind == "number") return "ParameterKind::Number";
  if (kind == "boolean") return "ParameterKind::Boolean";
  if (kind == "list") return "ParameterKind::List";
  return "ParameterKind::String";
}

std::string CppContext::order_kind(ir::FieldId f) const {
  const ir::Type& type = model_.base(module_.field(f).type);
  if (type.kind == ir::Type::Kind::Enum) {
    std::vector<std::string> values;
    for (const ir::EnumValue& value : module_.enums[type.declaration].values) values.push_back(string(ir::wire_name(value)));
    return fmt::format("OrderKind::enumeration({{{}}})", fmt::join(values, ", "));
  }
  if (type.kind == ir::Type::Kind::Entity) {
    const ir::Entity& entity = module_.entities[type.declaration];
    if (!entity.id_field.is_none()) return order_kind(entity.id_field);
  }
  if (type.kind != ir::Type::Kind::Scalar) return "OrderKind::of(OrderKind::Kind::Text)";
  switch (type.scalar) {
    case ir::Scalar::Int:
    case ir::Scalar::Float: return "OrderKind::of(OrderKind::Kind::Number)";
    case ir::Scalar::Decimal: return "OrderKind::of(OrderKind::Kind::Decimal)";
    case ir::Scalar::Date: return "OrderKind::of(OrderKind::Kind::Date)";
    case ir::Scalar::DateTime: return "OrderKind::of(OrderKind::Kind::DateTime)";
    case ir::Scalar::Bool: return "OrderKind::of(OrderKind::Kind::Boolean)";
    default: return "OrderKind::of(OrderKind::Kind::Text)";
  }
}

}  // namespace bpc::backends::cpp
