#include "backends/jsonschema/schema_mapping.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "backends/support/wire_json.h"
#include "base/decimal.h"
#include "base/pattern.h"
#include "ir/formats.h"

namespace bpc::backends::jsonschema {

namespace {

constexpr std::string_view kDialect = "https://json-schema.org/draft/2020-12/schema";
// 2^53 - 1: the largest integer a JSON number carries exactly everywhere (I-JSON, RFC 7493).
constexpr std::int64_t kJsonSafeInteger = 9007199254740991;
constexpr std::string_view kJsonSafeIntegerText = "9007199254740991";

}  // namespace

class SchemaMapper::Impl {
 public:
  Impl(const ir::Module& module, MappingSettings settings)
      : module_(module), settings_(std::move(settings)), entity_refs_(settings_.entity_refs) {
    for (const ir::Relation& relation : module.relations) {
      if (!relation.inverse.is_none()) inverse_fields_.insert(relation.inverse.index);
    }
  }

  Json enum_schema(const ir::Enum& e) const {
    Json schema = header(e.name, e.doc);
    schema["type"] = "string";
    Json values = Json::array();
    for (const ir::EnumValue& value : e.values) values.push_back(std::string(ir::wire_name(value)));
    schema["enum"] = std::move(values);
    return schema;
  }

  Json record_schema(const std::string& name, const std::string& doc,
                     const std::vector<ir::FieldId>& fields) const {
    Json schema = header(name, doc);
    schema["type"] = "object";
    Json properties = Json::object();
    properties.get_ref<Json::object_t&>().reserve(fields.size());
    Json required = Json::array();
    for (ir::FieldId id : fields) {
      const ir::Field& field = module_.field(id);
      properties[field.name] = field_schema(id, field);
      if (is_required(id, field)) required.push_back(field.name);
    }
    schema["properties"] = std::move(properties);
    if (!required.empty()) schema["required"] = std::move(required);
    schema["additionalProperties"] = false;
    return schema;
  }

 public:
  Json header(const std::string& name, const std::string& doc) const {
    Json schema = Json::object();
    // Room for every member a record schema gets.
    schema.get_ref<Json::object_t&>().reserve(8);
    if (settings_.standalone) {
      schema["$schema"] = kDialect;
      schema["$id"] = settings_.ref(name);
    }
    schema["title"] = name;
    if (!doc.empty()) schema["description"] = doc;
    return schema;
  }

  // The type with aliases and optionality stripped: what decides which constraints apply.
  const ir::Type& base(ir::TypeId id) const { return module_.type(ir::underlying(module_, id, true)); }


  bool is_optional(ir::TypeId id) const {
    const ir::Type* type = &module_.type(id);
    while (type->kind == ir::Type::Kind::Alias) type = &module_.type(module_.aliases[type->declaration].target);
    return type->kind == ir::Type::Kind::Optional;
  }

  // The default an alias chain gives, if any.
  const ir::Value* alias_default(ir::TypeId id) const {
    const ir::Type* type = &module_.type(id);
    while (type->kind == ir::Type::Kind::Alias) {
      const ir::Alias& alias = module_.aliases[type->declaration];
      if (alias.default_value) return &*alias.default_value;
      type = &module_.type(alias.target);
    }
    return nullptr;
  }

  bool is_required(ir::FieldId id, const ir::Field& field) const {
    return !is_optional(field.type) && !field.default_value && !alias_default(field.type) &&
           !field.constraints->generated && !field.constraints->tenant && !field.constraints->owner &&
           !inverse_fields_.contains(id.index);
  }

  // Canonical base64 (padded, RFC 4648) of at most `max` bytes when given: up to `max / 3` whole
  // groups of four characters, and after the last whole group a padded group for what remains.
  static std::string base64_pattern(std::optional<std::uint64_t> max) {
    constexpr std::string_view group = "[A-Za-z0-9+/]{4}";
    constexpr std::string_view one = "[A-Za-z0-9+/]{2}==";
    constexpr std::string_view two = "[A-Za-z0-9+/]{3}=";
    if (!max) return fmt::format("^(?:{})*(?:{}|{})?$", group, one, two);
    const std::uint64_t whole = *max / 3;
    const std::uint64_t rest = *max % 3;
    const std::string tail = rest == 0 ? "" : rest == 1 ? fmt::format("(?:{})?", one) : fmt::format("(?:{}|{})?", one, two);
    if (whole == 0) return fmt::format("^{}$", tail);
    return fmt::format("^(?:(?:{0}){{0,{1}}}(?:{2}|{3})?|(?:{0}){{{4}}}{5})$", group, whole - 1, one, two, whole, tail);
  }

  // Adds the validation keywords of `c` to `schema`, whose base type is `type`.
  void apply_constraints(Json& schema, const ir::Constraints& c, const ir::Type& type) const {
    const bool scalar = type.kind == ir::Type::Kind::Scalar;
    const bool list = type.kind == ir::Type::Kind::List;
    const bool stringy = scalar && (type.scalar == ir::Scalar::String || type.scalar == ir::Scalar::Text);
    const bool numeric = scalar && (type.scalar == ir::Scalar::Int || type.scalar == ir::Scalar::Float);
    const bool bytes = scalar && type.scalar == ir::Scalar::Bytes;
    if (bytes) {
      // Lengths count the decoded bytes. A limit of whole groups (a multiple of 3) is a length of
      // the text; another is exact in the pattern while its count stays small enough for regex
      // engines (1000 groups), and beyond that the text is held to the whole groups below it.
      const std::uint64_t max = c.max_length.value_or(0);
      if (c.max_length && max % 3 != 0 && max / 3 <= 1000) {
        schema["pattern"] = base64_pattern(c.max_length);
      } else {
        schema["pattern"] = base64_pattern(std::nullopt);
        if (c.max_length) schema["maxLength"] = max / 3 * 4;
      }
    } else {
      if (c.min_length) schema[list ? "minItems" : "minLength"] = *c.min_length;
      if (c.max_length) schema[list ? "maxItems" : "maxLength"] = *c.max_length;
    }
    // A bound replaces the wire range's (base/decimal.h compares the spellings exactly), unless it
    // lies outside it.
    const auto within = [](const std::string& bound) {
      return compare_numbers(bound, kJsonSafeIntegerText).value_or(1) <= 0 &&
             compare_numbers(bound, "-" + std::string(kJsonSafeIntegerText)).value_or(-1) >= 0;
    };
    if (numeric && c.min && (!schema.contains("minimum") || within(*c.min))) schema["minimum"] = json_number(*c.min);
    if (numeric && c.max && (!schema.contains("maximum") || within(*c.max))) schema["maximum"] = json_number(*c.max);
    // JSON Schema's `pattern` is an ECMA-262 regular expression (validators use the `u` flag):
    // the dialect's pattern spelled so that it matches the same strings there.
    if (stringy && c.pattern) schema["pattern"] = base::translate_pattern(*c.pattern, base::PatternEngine::EcmaScript);
    if (stringy && c.format) schema["format"] = *c.format;
    if (scalar && type.scalar == ir::Scalar::Decimal && (c.precision || c.min)) {
      schema["pattern"] = ir::decimal_pattern(c);
    }
    // A decimal travels as a string: its bounds are patterns too, matching exactly the spellings
    // within them (base/decimal.h), as the services compare.
    // Each is described ("at least 0.5"), so a field's bound replaces its alias's of the same side.
    if (scalar && type.scalar == ir::Scalar::Decimal && (c.min || c.max)) {
      for (const auto& [bound, side] : {std::pair{&c.min, BoundSide::AtLeast}, std::pair{&c.max, BoundSide::AtMost}}) {
        if (!*bound) continue;
        const auto pattern = decimal_bound_pattern(**bound, side);
        if (!pattern) continue;
        const std::string_view words = side == BoundSide::AtLeast ? "at least " : "at most ";
        Json& bounds = schema["allOf"];
        if (!bounds.is_array()) bounds = Json::array();
        Json entry = Json{{"description", std::string(words) + **bound}, {"pattern", *pattern}};
        const auto same_side = std::find_if(bounds.begin(), bounds.end(), [&](const Json& b) {
          return b.contains("description") && b["description"].get<std::string>().starts_with(words);
        });
        if (same_side != bounds.end()) *same_side = std::move(entry);
        else bounds.push_back(std::move(entry));
      }
    }
  }

  // The schema of a type, with the constraints of the aliases it goes through. `description`
  // receives the doc of the innermost documented alias or the referenced entity, for fields
  // without a doc of their own.
  Json type_schema(ir::TypeId id, std::string& description) const {
    const ir::Type& type = module_.type(id);
    switch (type.kind) {
      case ir::Type::Kind::Scalar: return scalar_schema(type.scalar);
      case ir::Type::Kind::Alias: {
        const ir::Alias& alias = module_.aliases[type.declaration];
        Json schema = type_schema(alias.target, description);
        if (schema.contains("anyOf")) {
          apply_constraints(schema["anyOf"][0], alias.constraints, base(alias.target));
        } else {
          apply_constraints(schema, alias.constraints, base(alias.target));
        }
        if (!alias.doc.empty()) description = alias.doc;
        if (alias.constraints.deprecated) schema["deprecated"] = true;
        return schema;
      }
      case ir::Type::Kind::Enum: return Json{{"$ref", settings_.ref(module_.enums[type.declaration].name)}};
      case ir::Type::Kind::Struct: return Json{{"$ref", settings_.ref(module_.structs[type.declaration].name)}};
      case ir::Type::Kind::Entity: {
        const ir::Entity& entity = module_.entities[type.declaration];
        if (entity_refs_) return Json{{"$ref", settings_.ref(entity.name)}};
        description = settings_.standalone
                          ? fmt::format("The id of the referenced {} ({}).", entity.name, settings_.ref(entity.name))
                          : fmt::format("The id of the referenced {}.", entity.name);
        if (entity.id_field.is_none()) return Json{{"type", "string"}};
        const ir::Field& id_field = module_.field(entity.id_field);
        std::string ignored;
        Json schema = type_schema(id_field.type, ignored);
        apply_constraints(schema, *id_field.constraints, base(id_field.type));
        return schema;
      }
      case ir::Type::Kind::Optional: {
        Json inner = type_schema(type.element, description);
        // `json?`: the empty schema already allows null, and linters call `anyOf: [{}, ...]`
        // illogical.
        if (inner.is_object() && inner.empty()) return inner;
        return Json{{"anyOf", Json::array({std::move(inner), Json{{"type", "null"}}})}};
      }
      case ir::Type::Kind::List: {
        std::string item_description;
        Json items = type_schema(type.element, item_description);
        if (!item_description.empty()) description = fmt::format("Each item: {}", item_description);
        return Json{{"type", "array"}, {"items", std::move(items)}};
      }
      case ir::Type::Kind::Map: {
        std::string value_description;
        Json values = type_schema(type.element, value_description);
        if (!value_description.empty()) description = fmt::format("Each value: {}", value_description);
        return Json{{"type", "object"}, {"additionalProperties", std::move(values)}};
      }
    }
    throw std::logic_error("unknown type kind");
  }

  static Json scalar_schema(ir::Scalar scalar) {
    switch (scalar) {
      case ir::Scalar::String:
      case ir::Scalar::Text: return Json{{"type", "string"}};
      // On the wire, integers stay within the range JSON numbers carry exactly (I-JSON, RFC 7493):
      // every generated service accepts exactly these.
      case ir::Scalar::Int:
        return Json{{"type", "integer"}, {"minimum", -kJsonSafeInteger}, {"maximum", kJsonSafeInteger}};
      case ir::Scalar::Float: return Json{{"type", "number"}};
      case ir::Scalar::Decimal: return Json{{"type", "string"}, {"pattern", "^-?[0-9]+(\\.[0-9]+)?$"}};
      case ir::Scalar::Bool: return Json{{"type", "boolean"}};
      case ir::Scalar::Uuid: return Json{{"type", "string"}, {"format", "uuid"}};
      case ir::Scalar::Date: return Json{{"type", "string"}, {"format", "date"}};
      case ir::Scalar::DateTime: return Json{{"type", "string"}, {"format", "date-time"}};
      case ir::Scalar::Duration: return Json{{"type", "string"}, {"format", "duration"}};
      case ir::Scalar::Bytes: return Json{{"type", "string"}, {"contentEncoding", "base64"}};
      case ir::Scalar::Json: return Json::object();
    }
    throw std::logic_error("unknown scalar");
  }

  Json field_schema(ir::FieldId id, const ir::Field& field) const {
    std::string description;
    Json core = type_schema(field.type, description);
    Json& constrained = core.contains("anyOf") ? core["anyOf"][0] : core;
    apply_constraints(constrained, *field.constraints, base(field.type));
    if (!field.doc->empty()) description = *field.doc;
    const ir::Constraints& c = *field.constraints;
    if (c.deleted_at) {
      const std::string_view marker = "When the record was deleted; null while it is not. Set by the service.";
      description = description.empty() ? std::string(marker) : fmt::format("{}\n\n{}", description, marker);
    }
    if (c.tenant || c.owner) {
      const std::string_view scope = c.tenant ? "Set by the service to the caller's tenant; a caller sees only its tenant's records."
                                              : "Set by the service to the caller; a caller sees only its own records.";
      description = description.empty() ? std::string(scope) : fmt::format("{}\n\n{}", description, scope);
    }
    const bool deprecated = c.deprecated.has_value() || core.contains("deprecated");
    core.erase("deprecated");
    if (c.deprecated && !c.deprecated->empty()) {
      description = description.empty() ? fmt::format("Deprecated: {}", *c.deprecated)
                                        : fmt::format("{}\n\nDeprecated: {}", description, *c.deprecated);
    }

    // Annotations first, then the validation keywords, in a fixed order.
    Json schema = Json::object();
    if (!description.empty()) schema["description"] = description;
    for (auto& [key, value] : core.items()) schema[key] = std::move(value);
    const ir::Value* default_value = field.default_value ? &*field.default_value : alias_default(field.type);
    if (default_value) schema["default"] = wire_json(module_, *default_value, base(field.type));
    if (c.readonly || c.generated || c.tenant || c.owner || c.deleted_at || inverse_fields_.contains(id.index)) {
      schema["readOnly"] = true;
    }
    if (c.secret) schema["writeOnly"] = true;
    if (deprecated) schema["deprecated"] = true;
    return schema;
  }

  const ir::Module& module_;
  MappingSettings settings_;
  bool entity_refs_;
  std::set<std::uint32_t> inverse_fields_;
};


SchemaMapper::SchemaMapper(const ir::Module& module, MappingSettings settings)
    : impl_(std::make_unique<Impl>(module, std::move(settings))) {}

SchemaMapper::~SchemaMapper() = default;

Json SchemaMapper::enum_schema(const ir::Enum& e) const { return impl_->enum_schema(e); }

Json SchemaMapper::record_schema(const std::string& name, const std::string& doc,
                                 const std::vector<ir::FieldId>& fields) const {
  return impl_->record_schema(name, doc, fields);
}

Json SchemaMapper::field_schema(ir::FieldId id) const { return impl_->field_schema(id, impl_->module_.field(id)); }

Json SchemaMapper::type_schema(ir::TypeId id) const {
  std::string description;
  Json schema = impl_->type_schema(id, description);
  if (!description.empty() && !schema.contains("$ref")) {
    Json annotated = Json{{"description", description}};
    for (auto& [key, value] : schema.items()) annotated[key] = value;
    return annotated;
  }
  return schema;
}

bool SchemaMapper::is_required(ir::FieldId id) const { return impl_->is_required(id, impl_->module_.field(id)); }

}  // namespace bpc::backends::jsonschema
