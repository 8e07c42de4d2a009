#include "ir/ir.h"

#include <array>
#include <charconv>

namespace bpc::ir {

namespace {

constexpr std::array<std::string_view, 12> kScalarNames = {
    "string", "text", "int", "float", "decimal", "bool",
    "uuid", "date", "datetime", "duration", "bytes", "json"};

}  // namespace

TypeId underlying(const Module& module, TypeId type, bool through_optional) {
  for (int guard = 0; guard < 1000 && !type.is_none(); ++guard) {
    const Type& t = module.type(type);
    if (t.kind == Type::Kind::Alias) {
      type = module.aliases[t.declaration].target;
    } else if (through_optional && t.kind == Type::Kind::Optional) {
      type = t.element;
    } else {
      return type;
    }
  }
  return type;
}

void override_constraints(Constraints& into, const Constraints& from) {
  if (from.min) into.min = from.min;
  if (from.max) into.max = from.max;
  if (from.min_length) into.min_length = from.min_length;
  if (from.max_length) into.max_length = from.max_length;
  if (from.pattern) into.pattern = from.pattern;
  if (from.format) into.format = from.format;
  if (from.precision) into.precision = from.precision;
  if (from.scale) into.scale = from.scale;
}

Constraints alias_constraints(const Module& module, TypeId type) {
  std::vector<const Constraints*> chain;  // outermost first
  for (int guard = 0; guard < 1000 && !type.is_none(); ++guard) {
    const Type& t = module.type(type);
    if (t.kind == Type::Kind::Optional) {
      type = t.element;
    } else if (t.kind == Type::Kind::Alias) {
      chain.push_back(&module.aliases[t.declaration].constraints);
      type = module.aliases[t.declaration].target;
    } else {
      break;
    }
  }
  Constraints result;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) override_constraints(result, **it);
  return result;
}

bool make_integer_if_exact(Value& value) {
  if (value.kind != Value::Kind::Number) return false;
  std::int64_t integer = 0;
  const char* begin = value.text.data();
  const char* end = begin + value.text.size();
  const auto [stop, error] = std::from_chars(begin, end, integer);
  if (error != std::errc() || stop != end) return false;
  value.kind = Value::Kind::Integer;
  value.integer = integer;
  value.text.clear();
  return true;
}

std::string_view scalar_name(Scalar scalar) { return kScalarNames[static_cast<int>(scalar)]; }

std::optional<Scalar> scalar_from_name(std::string_view name) {
  // Every scalar's name starts with a lower-case letter; declared types (looked up here for
  // every field) mostly do not.
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return std::nullopt;
  for (std::size_t i = 0; i < kScalarNames.size(); ++i) {
    if (kScalarNames[i] == name) return static_cast<Scalar>(i);
  }
  return std::nullopt;
}

std::string_view http_method_name(HttpMethod method) {
  switch (method) {
    case HttpMethod::Get: return "GET";
    case HttpMethod::Post: return "POST";
    case HttpMethod::Put: return "PUT";
    case HttpMethod::Patch: return "PATCH";
    case HttpMethod::Delete: return "DELETE";
  }
  return "POST";
}

std::string_view crud_action_name(CrudAction action) {
  switch (action) {
    case CrudAction::List: return "list";
    case CrudAction::Get: return "get";
    case CrudAction::Create: return "create";
    case CrudAction::Update: return "update";
    case CrudAction::Delete: return "delete";
  }
  return "list";
}

std::optional<CrudAction> crud_action_from_name(std::string_view name) {
  for (const CrudAction action : kCrudActions) {
    if (crud_action_name(action) == name) return action;
  }
  return std::nullopt;
}

std::string_view wire_name(const Enum& enumeration, std::string_view name) {
  for (const EnumValue& value : enumeration.values) {
    if (value.name == name) return wire_name(value);
  }
  return name;
}

FieldId soft_delete_field(const Module& module, EntityId entity) {
  for (FieldId field : module.entity(entity).fields) {
    if (module.field(field).constraints->deleted_at) return field;
  }
  return FieldId::none();
}

std::string_view operation_kind_name(Operation::Kind kind) {
  switch (kind) {
    case Operation::Kind::Custom: return "custom";
    case Operation::Kind::List: return "list";
    case Operation::Kind::Get: return "get";
    case Operation::Kind::Create: return "create";
    case Operation::Kind::Update: return "update";
    case Operation::Kind::Delete: return "delete";
    case Operation::Kind::Transition: return "transition";
    case Operation::Kind::Restore: return "restore";
    case Operation::Kind::Download: return "download";
    case Operation::Kind::Upload: return "upload";
    case Operation::Kind::Related: return "related";
  }
  return "custom";
}

std::string_view on_delete_name(OnDelete action) {
  switch (action) {
    case OnDelete::Restrict: return "restrict";
    case OnDelete::Cascade: return "cascade";
    case OnDelete::SetNull: return "setNull";
  }
  return "restrict";
}

std::string type_name(const Module& module, TypeId id) {
  if (id.is_none()) return "<none>";
  const Type& type = module.type(id);
  switch (type.kind) {
    case Type::Kind::Scalar: return std::string(scalar_name(type.scalar));
    case Type::Kind::Alias: return module.aliases[type.declaration].name;
    case Type::Kind::Enum: return module.enums[type.declaration].name;
    case Type::Kind::Struct: return module.structs[type.declaration].name;
    case Type::Kind::Entity: return module.entities[type.declaration].name;
    case Type::Kind::Optional: return type_name(module, type.element) + "?";
    case Type::Kind::List: return "list<" + type_name(module, type.element) + ">";
    case Type::Kind::Map: return "map<string, " + type_name(module, type.element) + ">";
  }
  return "<invalid>";
}

}  // namespace bpc::ir
