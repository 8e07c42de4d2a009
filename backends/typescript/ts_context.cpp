#include "backends/typescript/ts_context.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "backends/support/naming.h"
#include "base/pattern.h"
#include "ir/formats.h"
#include "base/casing.h"

namespace bpc::backends::typescript {

namespace {

// Identifiers model.ts imports or declares besides the blueprint's declarations.
constexpr std::string_view kModelIdentifiers[] = {"z", "EntityDescriptor", "EventMap", "entities", "RecordEvents"};

struct Suffixes {
  std::string_view kind;
  std::vector<std::string_view> suffixes;
};

const std::vector<Suffixes>& derived_suffixes() {
  static const std::vector<Suffixes> table = {
      {"alias", {"Schema"}},
      {"enum", {"Values", "Schema"}},
      {"struct", {"Schema"}},
      {"entity", {"Schema", "Create", "CreateSchema", "Update", "UpdateSchema", "Entity"}},
      {"event", {"Schema"}},
  };
  return table;
}

std::string key_of(std::string_view kind, std::uint32_t index, std::string_view suffix = {}) {
  return suffix.empty() ? fmt::format("{}:{}", kind, index) : fmt::format("{}:{}:{}", kind, index, suffix);
}

// A pattern of the dialect (base/pattern.h) as a JavaScript RegExp that matches the same strings.
std::string regex(std::string_view pattern) {
  return fmt::format("new RegExp({}, 'u')", typescript_string(base::translate_pattern(pattern, base::PatternEngine::EcmaScript)));
}

}  // namespace

TsContext::TsContext(const service::ServiceModel& model)
    : model_(model), module_(model.module()), schema_(service::relational_schema(model)) {
  const ir::Module& module = module_;
  // Declarations, one scope: their names are distinct in a checked blueprint.
  std::vector<std::pair<std::string, std::string>> declarations;  // key, blueprint name
  for (std::uint32_t i = 0; i < module.aliases.size(); ++i) declarations.emplace_back(key_of("alias", i), module.aliases[i].name);
  for (std::uint32_t i = 0; i < module.enums.size(); ++i) declarations.emplace_back(key_of("enum", i), module.enums[i].name);
  for (std::uint32_t i = 0; i < module.structs.size(); ++i) declarations.emplace_back(key_of("struct", i), module.structs[i].name);
  for (std::uint32_t i = 0; i < module.entities.size(); ++i) declarations.emplace_back(key_of("entity", i), module.entities[i].name);
  for (std::uint32_t i = 0; i < module.events.size(); ++i) declarations.emplace_back(key_of("event", i), module.events[i].name);
  std::vector<std::string> names;
  for (const auto& [key, name] : declarations) names.push_back(name);
  Namer namer(Target::TypeScript);
  namer.define("types", names, Case::AsIs, NameKind::Type, kModelIdentifiers);
  std::set<std::string, std::less<>> used(std::begin(kModelIdentifiers), std::end(kModelIdentifiers));
  for (const auto& [key, name] : declarations) {
    names_[key] = namer.get("types", name);
    used.insert(names_[key]);
  }
  for (const Suffixes& entry : derived_suffixes()) {
    for (const auto& [key, name] : declarations) {
      if (!key.starts_with(fmt::format("{}:", entry.kind))) continue;
      for (std::string_view suffix : entry.suffixes) {
        std::string candidate = names_[key] + std::string(suffix);
        while (used.contains(candidate)) candidate += "_";
        used.insert(candidate);
        names_[fmt::format("{}:{}", key, suffix)] = candidate;
      }
    }
  }

  // APIs: a folder and a router function each.
  std::vector<std::string> api_names;
  for (const ir::Api& api : module.apis) api_names.push_back(api.name);
  namer.define("api-folders", api_names, Case::Kebab, NameKind::Value);
  namer.define("api-routers", api_names, Case::Camel, NameKind::Value);
  for (const ir::Api& api : module.apis) {
    apis_.push_back({namer.get("api-folders", api.name), namer.get("api-routers", api.name) + "Router"});
  }
  // Operations: unique within their API.
  operations_.resize(module.operations.size());
  for (std::uint32_t a = 0; a < module.apis.size(); ++a) {
    std::vector<std::string> op_names;
    for (ir::OperationId op : module.apis[a].operations) op_names.push_back(module.operations[op.index].name);
    const std::string scope = fmt::format("operations:{}", a);
    static constexpr std::string_view kRouterIdentifiers[] = {"router", "handlers", "access", "schemas", "model", "guards"};
    namer.define(scope, op_names, Case::AsIs, NameKind::Value, kRouterIdentifiers);
    for (ir::OperationId op : module.apis[a].operations) operations_[op.index] = namer.get(scope, module.operations[op.index].name);
  }
  std::vector<std::string> workflow_names;
  for (const ir::Workflow& w : module.workflows) workflow_names.push_back(w.name);
  // Workflows name objects in src/workflows.ts and src/handlers/guards.ts, beside their imports.
  static constexpr std::string_view kWorkflowModuleIdentifiers[] = {
      "z", "guards", "model", "checkReferences", "getOrNotFound", "mustGet", "touch", "writing", "conflict",
      "unscoped", "PendingEvents", "Id", "Store", "transitionArguments", "Guard"};
  namer.define("workflows", workflow_names, Case::AsIs, NameKind::Value, kWorkflowModuleIdentifiers);
  for (const ir::Workflow& w : module.workflows) {
    workflows_.push_back(namer.get("workflows", w.name));
  }
}

const std::string& TsContext::type_name(std::string_view kind, std::uint32_t index) const {
  const auto it = names_.find(key_of(kind, index));
  if (it == names_.end()) throw std::logic_error(fmt::format("no TypeScript name for {} {}", kind, index));
  return it->second;
}

const std::string& TsContext::derived(std::string_view kind, std::uint32_t index, std::string_view suffix) const {
  const auto it = names_.find(key_of(kind, index, suffix));
  if (it == names_.end()) throw std::logic_error(fmt::format("no TypeScript name for {} {} {}", kind, index, suffix));
  return it->second;
}

bool TsContext::is_plain_identifier(std::string_view name) {
  if (name.empty() || name == "__proto__") return false;
  const auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; };
  if (!start(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return start(c) || (c >= '0' && c <= '9'); });
}

std::string TsContext::property(std::string_view field_name) {
  return field_name == "__proto__" ? "$__proto__" : std::string(field_name);
}

std::string TsContext::key(std::string_view wire_name) {
  if (wire_name == "__proto__") return fmt::format("[{}]", typescript_string(wire_name));
  return is_plain_identifier(wire_name) ? std::string(wire_name) : typescript_string(wire_name);
}

std::string TsContext::string(std::string_view text) { return typescript_string(text); }

bool TsContext::shadows_object_member(std::string_view key) {
  static constexpr std::string_view kObjectPrototypeMembers[] = {
      "constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf",
      "propertyIsEnumerable", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"};
  return std::find(std::begin(kObjectPrototypeMembers), std::end(kObjectPrototypeMembers), key) !=
         std::end(kObjectPrototypeMembers);
}

std::string TsContext::literal_member_value(std::string_view key, std::string_view text) {
  return shadows_object_member(key) ? typescript_string(text) + " as const" : typescript_string(text);
}

std::string TsContext::scalar_zod(ir::Scalar scalar) const {
  switch (scalar) {
    case ir::Scalar::String:
    case ir::Scalar::Text: return "z.string()";
    case ir::Scalar::Int: return "z.number().int()";
    case ir::Scalar::Float: return "z.number()";
    case ir::Scalar::Decimal: return "z.string()";
    case ir::Scalar::Bool: return "z.boolean()";
    // Any 8-4-4-4-12 hex text, as the other targets and OpenAPI's `format: uuid` take it (Zod's
    // z.uuid() also demands an RFC 9562 version and variant: ids another system made may lack them).
    case ir::Scalar::Uuid: return "z.guid()";
    // Held as the other targets hold them (runtime/datetime.ts): date-times in UTC, dates of
    // years 1 to 9999.
    case ir::Scalar::Date:
      helpers_.storable_date = true;
      return "z.iso.date().refine(storableDate, 'Invalid date: year 0 is no calendar year')";
    case ir::Scalar::DateTime:
      helpers_.utc_datetime = true;
      return "z.iso.datetime({ offset: true }).transform(utcDatetime)";
    case ir::Scalar::Duration: return "z.iso.duration()";
    case ir::Scalar::Bytes: return "z.base64()";
    case ir::Scalar::Json: return "z.json()";
  }
  throw std::logic_error("unknown scalar");
}

std::string TsContext::constrained(const std::string& expression, const ir::Type& type, const ir::Constraints& c) const {
  std::string out = expression;
  const bool scalar = type.kind == ir::Type::Kind::Scalar;
  const bool list = type.kind == ir::Type::Kind::List;
  const bool stringy = scalar && (type.scalar == ir::Scalar::String || type.scalar == ir::Scalar::Text);
  const bool numeric = scalar && (type.scalar == ir::Scalar::Int || type.scalar == ir::Scalar::Float);
  const bool decimal = scalar && type.scalar == ir::Scalar::Decimal;
  if (list) {
    if (c.min_length) out += fmt::format(".min({})", *c.min_length);
    if (c.max_length) out += fmt::format(".max({})", *c.max_length);
  }
  // Bytes lengths count the decoded bytes.
  const bool bytes = scalar && type.scalar == ir::Scalar::Bytes;
  if (bytes && c.min_length) {
    out += fmt::format(".refine((v) => Buffer.byteLength(v, 'base64') >= {0}, 'Too small: expected at least {0} bytes')",
                       *c.min_length);
  }
  if (bytes && c.max_length) {
    out += fmt::format(".refine((v) => Buffer.byteLength(v, 'base64') <= {0}, 'Too big: expected at most {0} bytes')",
                       *c.max_length);
  }
  if (stringy && c.pattern) out += fmt::format(".regex({})", regex(*c.pattern));
  if (stringy && c.format) {
    if (const auto pattern = ir::format_pattern(*c.format)) {
      out += fmt::format(".regex({}, {})", regex(*pattern), string(fmt::format("Invalid {}", *c.format)));
    }
  }
  // Text lengths count code points, as the checker and JSON Schema do; Zod's `.min()`/`.max()`
  // would count UTF-16 units.
  if (stringy && (c.min_length || c.max_length)) helpers_.code_point_length = true;
  if (decimal && (c.min || c.max)) helpers_.compare_decimal = true;
  if (stringy && c.min_length) {
    out += fmt::format(".refine((v) => codePointLength(v) >= {0}, 'Too small: expected string to have >={0} characters')",
                       *c.min_length);
  }
  if (stringy && c.max_length) {
    out += fmt::format(".refine((v) => codePointLength(v) <= {0}, 'Too big: expected string to have <={0} characters')",
                       *c.max_length);
  }
  if (numeric && c.min) out += fmt::format(".min({})", *c.min);
  if (numeric && c.max) out += fmt::format(".max({})", *c.max);
  if (decimal) {
    out += fmt::format(".regex({}, 'Invalid decimal')", regex(ir::decimal_pattern(c)));
    // Exact, digit by digit (runtime/decimal.ts), as the checker compares.
    if (c.min) out += fmt::format(".refine((v) => compareDecimal(v, '{0}') >= 0, 'Too small: expected a number >= {0}')", *c.min);
    if (c.max) out += fmt::format(".refine((v) => compareDecimal(v, '{0}') <= 0, 'Too big: expected a number <= {0}')", *c.max);
  }
  return out;
}

std::string TsContext::qualified(std::string_view prefix) const {
  if (!prefix.empty()) helpers_.model = true;
  return std::string(prefix);
}

std::string TsContext::zod(ir::TypeId id, const ir::Constraints* constraints, EntityForm form, std::string_view prefix) const {
  const ir::Type& type = module_.type(id);
  switch (type.kind) {
    case ir::Type::Kind::Alias: {
      const ir::Alias& alias = module_.aliases[type.declaration];
      ir::Constraints merged = alias.constraints;
      if (constraints != nullptr) ir::override_constraints(merged, *constraints);
      return zod(alias.target, &merged, form, prefix);
    }
    case ir::Type::Kind::Optional: return zod(type.element, constraints, form, prefix) + ".nullable()";
    case ir::Type::Kind::Scalar:
      return constraints == nullptr ? scalar_zod(type.scalar) : constrained(scalar_zod(type.scalar), type, *constraints);
    case ir::Type::Kind::Enum: return qualified(prefix) + derived("enum", type.declaration, "Schema");
    case ir::Type::Kind::Struct: return qualified(prefix) + derived("struct", type.declaration, "Schema");
    case ir::Type::Kind::Entity: {
      if (form == EntityForm::Record) return qualified(prefix) + derived("entity", type.declaration, "Schema");
      const ir::Entity& entity = module_.entities[type.declaration];
      if (entity.id_field.is_none()) return "z.string()";
      const ir::Field& id_field = module_.field(entity.id_field);
      return zod(id_field.type, &*id_field.constraints, EntityForm::Id, prefix);
    }
    case ir::Type::Kind::List: {
      const std::string items = zod(type.element, nullptr, form, prefix);
      const std::string array = fmt::format("z.array({})", items);
      return constraints == nullptr ? array : constrained(array, type, *constraints);
    }
    case ir::Type::Kind::Map: return fmt::format("z.record(z.string(), {})", zod(type.element, nullptr, form, prefix));
  }
  throw std::logic_error("unknown type kind");
}

std::string TsContext::zod_field(ir::FieldId id, EntityForm form, bool with_default, bool all_optional,
                                 std::string_view prefix) const {
  const ir::Field& field = module_.field(id);
  std::string out = zod(field.type, &*field.constraints, form, prefix);
  const ir::Value* default_value = with_default ? default_of(field) : nullptr;
  if (default_value != nullptr) return out + default_call(*default_value, field.type, prefix);
  // A list of references that may be empty starts empty when left out.
  if (with_default && !is_optional(field.type) && model_.is_reference_list(id) && !model_.required_on_create(id)) {
    return out + ".default([])";
  }
  if (is_optional(field.type) || all_optional) out += ".optional()";
  return out;
}

std::string TsContext::default_call(const ir::Value& value, ir::TypeId type, std::string_view prefix) const {
  const ir::Type& resolved = base(type);
  if (resolved.kind != ir::Type::Kind::Struct) return fmt::format(".default({})", literal(value, type));
  // A struct default is an input (`{}`: every member's own default): parsed afresh each time,
  // from objects without a prototype (else a member named `constructor` would read Object's).
  helpers_.bare = true;
  return fmt::format(".default(() => {}{}.parse(bare({})))", qualified(prefix), derived("struct", resolved.declaration, "Schema"),
                     literal(value, type));
}

std::string TsContext::literal(const ir::Value& value, ir::TypeId type_id) const {
  const ir::Type& type = base(type_id);
  const bool decimal = type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Decimal;
  switch (value.kind) {
    case ir::Value::Kind::Null: return "null";
    case ir::Value::Kind::Bool: return value.boolean ? "true" : "false";
    case ir::Value::Kind::Integer: return decimal ? string(std::to_string(value.integer)) : std::to_string(value.integer);
    case ir::Value::Kind::Number: return decimal ? string(value.text) : value.text;
    case ir::Value::Kind::String: return string(value.text);
    case ir::Value::Kind::Name:  // an enum value: as it travels
      return string(type.kind == ir::Type::Kind::Enum ? ir::wire_name(module_.enums[type.declaration], value.text) : value.text);
    case ir::Value::Kind::List: {
      std::vector<std::string> items;
      const ir::TypeId element = type.kind == ir::Type::Kind::List ? type.element : type_id;
      for (const ir::Value& item : value.items) items.push_back(literal(item, element));
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
        entries.push_back(fmt::format("{}: {}", field_key(name), literal(item, member)));
      }
      return fmt::format("{{ {} }}", fmt::join(entries, ", "));
    }
  }
  return "null";
}

std::string TsContext::member(std::string_view object, std::string_view name) {
  return is_plain_identifier(name) ? fmt::format("{}.{}", object, name) : fmt::format("{}[{}]", object, string(name));
}

std::string TsContext::payload_member(ir::TypeId event_field_type, const ir::Field& source, std::string_view value) const {
  const ir::Type& type = base(event_field_type);
  if (type.kind != ir::Type::Kind::Entity) return std::string(value);
  // A snapshot as answers show it: without the record's `@secret` fields.
  const std::string load = fmt::format("present(model.{1}, mustGet(unscoped(store).repository<model.{0}>(model.{1}), model.{1}, {2}))",
                                       type_name("entity", type.declaration), derived("entity", type.declaration, "Entity"), value);
  if (!is_optional(source.type)) return load;
  return fmt::format("{0} === undefined || {0} === null ? null : {1}", value, load);
}

std::string TsContext::order_kind(ir::FieldId f) const {
  const ir::Type& type = service().base(module_.field(f).type);
  if (type.kind == ir::Type::Kind::Enum) {
    std::vector<std::string> values;
    for (const ir::EnumValue& value : module_.enums[type.declaration].values) values.push_back(string(ir::wire_name(value)));
    return fmt::format("[{}]", fmt::join(values, ", "));
  }
  switch (type.scalar) {
    case ir::Scalar::Int:
    case ir::Scalar::Float: return "'number'";
    case ir::Scalar::Decimal: return "'decimal'";
    case ir::Scalar::Date: return "'date'";
    case ir::Scalar::DateTime: return "'datetime'";
    case ir::Scalar::Bool: return "'boolean'";
    default: return "'text'";
  }
}

}  // namespace bpc::backends::typescript
