// Decorators: one table says what each decorator takes and where it applies; lowering checks
// placement, arguments, the type it constrains, duplicates and contradictions, and records the
// result as IR constraints.

#include <algorithm>
#include <cstdlib>

#include "base/decimal.h"
#include "base/suggest.h"
#include "check/decorator_catalog.h"
#include "check/lowerer.h"
#include "ir/formats.h"

namespace bpc::lowering {

namespace {

enum class Arguments : std::uint8_t {
  None, Number, Count, Text, OptionalText, Format, Precision, AnyValue, Name, OnDelete, Http
};

constexpr std::uint8_t bit(DecoratorSite site) { return std::uint8_t(1u << static_cast<int>(site)); }
constexpr std::uint8_t kFields =
    bit(DecoratorSite::EntityField) | bit(DecoratorSite::StructField) | bit(DecoratorSite::EventField);
constexpr std::uint8_t kValues = kFields | bit(DecoratorSite::Parameter) | bit(DecoratorSite::Alias);

struct DecoratorSpec {
  std::string_view name;
  std::uint8_t sites;
  Arguments arguments;
  std::string_view where;    // for messages: where it does apply
  std::string_view summary;  // what it means, for the language server's hover and completion
};

constexpr DecoratorSpec kDecorators[] = {
    {"id", bit(DecoratorSite::EntityField), Arguments::None, "entity fields", "The record's identity; exactly one per entity; implies `@unique` and `@readonly`."},
    {"generated", bit(DecoratorSite::EntityField), Arguments::None, "entity fields",
     "The server sets the value at creation (a random UUID, the next sequence number, or the current instant); clients cannot set it."},
    {"updatedAt", bit(DecoratorSite::EntityField), Arguments::None, "entity fields",
     "An updated-at timestamp: the server sets it at creation and on every write; clients cannot set it."},
    {"deletedAt", bit(DecoratorSite::EntityField), Arguments::None, "entity fields",
     "Soft delete: a delete sets the current instant and hides the record until it is restored."},
    {"tenant", bit(DecoratorSite::EntityField), Arguments::None, "entity fields",
     "The record belongs to the caller's tenant: set from the caller on create; other tenants never see it."},
    {"owner", bit(DecoratorSite::EntityField), Arguments::None, "entity fields",
     "The record belongs to the caller: set from the caller's identity on create; other callers never see it."},
    {"unique", bit(DecoratorSite::EntityField), Arguments::None, "entity fields", "No two records share the value (nulls excepted); implies an index."},
    {"index", bit(DecoratorSite::EntityField), Arguments::None, "entity fields",
     "Stored with a database index; the field becomes a filter and sort key of list routes."},
    {"searchable", bit(DecoratorSite::EntityField), Arguments::None, "entity fields",
     "The text search of list routes (`?q=`) matches the field."},
    {"readonly", bit(DecoratorSite::EntityField) | bit(DecoratorSite::StructField), Arguments::None,
     "entity and struct fields", "May be given when the record is created, never changed afterwards."},
    {"secret", kValues, Arguments::None, "fields, parameters and type aliases",
     "Write-only: accepted in requests and stored, never included in responses, events or logs."},
    {"min", kValues, Arguments::Number, "fields, parameters and type aliases", "Inclusive lower bound."},
    {"max", kValues, Arguments::Number, "fields, parameters and type aliases", "Inclusive upper bound."},
    {"minLength", kValues, Arguments::Count, "fields, parameters and type aliases",
     "Minimum length: code points for text, bytes for `bytes`, entries for lists and maps."},
    {"maxLength", kValues, Arguments::Count, "fields, parameters and type aliases",
     "Maximum length: code points for text, bytes for `bytes`, entries for lists and maps."},
    {"pattern", kValues, Arguments::Text, "fields, parameters and type aliases",
     "The value must match the regular expression (not implicitly anchored: write `^...$`)."},
    {"format", kValues, Arguments::Format, "fields, parameters and type aliases",
     "The value must be in that well-known format, as in JSON Schema."},
    {"precision", kValues, Arguments::Precision, "fields, parameters and type aliases",
     "At most `digits` significant digits, `scale` of them after the point; values that do not fit are rejected."},
    {"default", bit(DecoratorSite::Alias), Arguments::AnyValue, "type aliases",
     "The default of fields of this alias type (on a field, write `= value`)."},
    {"inverse", bit(DecoratorSite::EntityField), Arguments::Name, "entity fields",
     "This side of the relation is the inverse of that field of the other entity; derived, not stored."},
    {"onDelete", bit(DecoratorSite::EntityField), Arguments::OnDelete, "entity fields",
     "What happens to this record when the referenced record is deleted (default `restrict`)."},
    {"http", bit(DecoratorSite::Operation), Arguments::Http, "operations",
     "The operation's HTTP method and path, relative to the API's base."},
    {"value", bit(DecoratorSite::EnumValue), Arguments::Text, "enum values",
     "The value's spelling on the wire and in stores, instead of its name."},
    {"deprecated",
     kValues | bit(DecoratorSite::EnumValue) | bit(DecoratorSite::Operation),
     Arguments::OptionalText, "fields, parameters, enum values, type aliases and operations",
     "Still works, marked deprecated in generated code and OpenAPI."},
};



// Decorators other schema languages have (Prisma, JDL, TypeSpec, Smithy, ORMs) and what a
// blueprint writes instead: said instead of a "did you mean" that would name an unrelated one.
struct ForeignDecorator {
  std::string_view name;  // compared without case
  std::string_view advice;
};

constexpr ForeignDecorator kForeignDecorators[] = {
    {"createdAt", "a created-at time is `createdAt: datetime @generated`"},
    {"now", "a created-at time is `datetime @generated`; an updated-at time is `datetime @updatedAt`"},
    {"timestamp", "a created-at time is `datetime @generated`; an updated-at time is `datetime @updatedAt`"},
    {"softDelete", "a soft-deleted record keeps its deletion time in `deletedAt: datetime? @deletedAt`"},
    {"paranoid", "a soft-deleted record keeps its deletion time in `deletedAt: datetime? @deletedAt`"},
    {"nullable", "make the type optional instead: `note: string?`"},
    {"optional", "make the type optional instead: `note: string?`"},
    {"required", "fields are required unless their type ends in `?`"},
    {"notNull", "fields are required unless their type ends in `?`"},
    {"key", "the record's key is `@id`"},
    {"primary", "the record's key is `@id`"},
    {"primaryKey", "the record's key is `@id`"},
    {"pk", "the record's key is `@id`"},
    {"auto", "an id the service makes is `id: uuid @id @generated` (or `int`)"},
    {"autoIncrement", "an id the service numbers is `id: int @id @generated`"},
    {"uuid", "a uuid field has the type `uuid`: `id: uuid @id @generated`"},
    {"regex", "a pattern is `@pattern(\"^[a-z]+$\")`"},
    {"email", "an e-mail address is `string @format(email)`"},
    {"url", "a URL is `string @format(uri)`"},
    {"length", "lengths are `@minLength(n)` and `@maxLength(n)`"},
    {"size", "lengths are `@minLength(n)` and `@maxLength(n)`"},
    {"minimum", "a lower bound is `@min(x)`"},
    {"maximum", "an upper bound is `@max(x)`"},
    {"range", "bounds are `@min(x) @max(y)`"},
    {"relation", "a field whose type is an entity is a relation: `customer: Customer`, with `@onDelete(...)`"},
    {"ref", "a field whose type is an entity is a relation: `customer: Customer`, with `@onDelete(...)`"},
    {"references", "a field whose type is an entity is a relation: `customer: Customer`, with `@onDelete(...)`"},
    {"foreignKey", "a field whose type is an entity is a relation: `customer: Customer`, with `@onDelete(...)`"},
    {"writeOnly", "a field that never appears in responses is `@secret`"},
    {"visibility", "`@readonly` fields are set on create only, `@secret` ones never leave the service"},
    {"doc", "documentation is a `///` comment above the declaration"},
    {"description", "documentation is a `///` comment above the declaration"},
};

std::string_view site_name(DecoratorSite site) {
  switch (site) {
    case DecoratorSite::EntityField: return "an entity field";
    case DecoratorSite::StructField: return "a struct field";
    case DecoratorSite::EventField: return "an event field";
    case DecoratorSite::Parameter: return "a parameter";
    case DecoratorSite::Alias: return "a type alias";
    case DecoratorSite::EnumValue: return "an enum value";
    case DecoratorSite::Operation: return "an operation";
  }
  return "this";
}

std::string_view arguments_signature(Arguments arguments) {
  switch (arguments) {
    case Arguments::None: return "";
    case Arguments::Number: return "(value: number)";
    case Arguments::Count: return "(count: whole number)";
    case Arguments::Text: return "(text: string)";
    case Arguments::OptionalText: return "(message?: string)";
    case Arguments::Format: return "(format: email | uri | uuid | date | \"date-time\" | hostname | ipv4 | ipv6)";
    case Arguments::Precision: return "(digits: 1..38, scale: whole number)";
    case Arguments::AnyValue: return "(value)";
    case Arguments::Name: return "(field: name)";
    case Arguments::OnDelete: return "(action: cascade | restrict | setNull)";
    case Arguments::Http: return "(method: GET | POST | PUT | PATCH | DELETE, path: string, status?: number)";
  }
  return "";
}

}  // namespace

std::vector<DecoratorDoc> decorator_catalog() {
  std::vector<DecoratorDoc> catalog;
  for (const DecoratorSpec& spec : kDecorators) {
    catalog.push_back({spec.name, arguments_signature(spec.arguments), spec.where, spec.summary});
  }
  return catalog;
}

void Lowerer::lower_decorators(Site owner, DecoratorSite site, ir::TypeId type,
                               ir::Constraints& constraints, std::optional<ir::Value>* alias_default,
                               std::vector<std::pair<std::string, Site>>* extras) {
  const Tree& t = tree(owner.file);
  // Most fields have no decorators, and then there is nothing to do.
  bool decorated = false;
  for (NodeId child : t.children(owner.node)) decorated = decorated || t.kind(child) == NodeKind::Decorator;
  if (!decorated) return;
  std::vector<std::string_view> seen;
  const ir::TypeId shape = underlying(type, true);
  const ir::Type* shape_type = shape.is_none() ? nullptr : &module_.type(shape);
  const auto is_scalar = [&](std::initializer_list<ir::Scalar> scalars) {
    return shape_type != nullptr && shape_type->kind == ir::Type::Kind::Scalar &&
           std::find(scalars.begin(), scalars.end(), shape_type->scalar) != scalars.end();
  };
  const bool optional = !type.is_none() &&
                        module_.type(underlying(type, false)).kind == ir::Type::Kind::Optional;
  for (NodeId decorator : t.children(owner.node)) {
    if (t.kind(decorator) != NodeKind::Decorator) continue;
    const Site decorator_site{owner.file, decorator};
    const Site name_site{owner.file, t.child(decorator, NodeKind::Name)};
    const std::string_view name = t.text(name_site.node);
    const auto spec = std::find_if(std::begin(kDecorators), std::end(kDecorators),
                                   [&](const DecoratorSpec& s) { return s.name == name; });
    if (spec == std::end(kDecorators)) {
      const auto foreign = std::find_if(std::begin(kForeignDecorators), std::end(kForeignDecorators),
                                        [&](const ForeignDecorator& f) { return same_without_case(f.name, name); });
      if (foreign != std::end(kForeignDecorators)) {
        (void)report<DiagnosticKind::UnknownName>(name_site, "unknown decorator", name).note(std::string(foreign->advice));
        continue;
      }
      // A suggestion shares the first letter: `@maxlength` is `@maxLength`, but `@createdAt` is
      // not `@updatedAt`.
      std::vector<std::string_view> names;
      for (const DecoratorSpec& s : kDecorators) {
        if (!name.empty() && std::tolower(static_cast<unsigned char>(s.name[0])) == std::tolower(static_cast<unsigned char>(name[0]))) {
          names.push_back(s.name);
        }
      }
      (void)report_unknown("unknown decorator", name, name_site, names);
      continue;
    }
    if (!(spec->sites & bit(site))) {
      auto builder = report<DiagnosticKind::MisappliedDecorator>(decorator_site, name, site_name(site));
      builder.note(fmt::format("`@{}` applies to {}", name, spec->where));
      if (name == "default") {
        builder.note("give a field its default with `= value` after the type");
      }
      continue;
    }
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      (void)report<DiagnosticKind::DuplicateMember>(decorator_site, "decorator",
                   fmt::format("@{}", name), "one declaration");
      continue;
    }
    seen.push_back(name);

    // Arguments.
    std::vector<Site> arguments;
    const NodeId argument_list = t.child(decorator, NodeKind::DecoratorArguments);
    if (!argument_list.is_none()) {
      for (NodeId argument : t.children(argument_list)) arguments.push_back(Site{owner.file, argument});
    }
    std::vector<ir::Value> values;
    bool lowered = true;
    for (const Site& argument : arguments) {
      auto value = lower_value(argument);
      if (!value) {
        lowered = false;
        break;
      }
      values.push_back(std::move(*value));
    }
    if (!lowered) continue;
    const auto wrong = [&](std::string_view expected) {
      (void)report<DiagnosticKind::DecoratorArguments>(decorator_site, name, expected);
    };
    using VK = ir::Value::Kind;
    const auto is_number = [](const ir::Value& v) { return v.kind == VK::Integer || v.kind == VK::Number; };
    const auto spelling = [](const ir::Value& v) {
      return v.kind == VK::Integer ? std::to_string(v.integer) : v.text;
    };
    switch (spec->arguments) {
      case Arguments::None:  // `@id` or `@id()`
        if (!values.empty()) {
          // `@unique(email)`, `@index(a, b)`: written as another language names a key's fields.
          auto builder = report<DiagnosticKind::DecoratorArguments>(decorator_site, name, "takes no arguments");
          builder.note(fmt::format("`@{}` applies to the field it is written on: `email: string @{}`", name, name));
          if ((name == "unique" || name == "index") && site == DecoratorSite::EntityField) {
            builder.note(fmt::format("a key over several fields is a member of the entity: `{} (tenant, email)`", name));
          }
          builder.fix("remove the arguments",
                      {TextEdit{span(Site{owner.file, t.child(decorator_site.node, NodeKind::DecoratorArguments)}), ""}});
          continue;
        }
        break;
      case Arguments::Number:
        if (values.size() != 1 || !is_number(values[0])) { wrong("takes one number"); continue; }
        break;
      case Arguments::Count:
        if (values.size() != 1 || values[0].kind != VK::Integer || values[0].integer < 0) {
          wrong("takes one whole number, 0 or more");
          continue;
        }
        break;
      case Arguments::Text:
        if (values.size() != 1 || values[0].kind != VK::String) { wrong("takes one string"); continue; }
        break;
      case Arguments::OptionalText:
        if (values.size() > 1 || (values.size() == 1 && values[0].kind != VK::String)) {
          wrong("takes an optional message string");
          continue;
        }
        break;
      case Arguments::Format: {
        const bool text = values.size() == 1 && (values[0].kind == VK::Name || values[0].kind == VK::String);
        if (!text || !ir::format_pattern(values[0].text)) {
          wrong("takes one of `email`, `uri`, `uuid`, `date`, `\"date-time\"`, `hostname`, `ipv4`, `ipv6`");
          continue;
        }
        break;
      }
      case Arguments::Precision:
        if (values.size() != 2 || values[0].kind != VK::Integer || values[1].kind != VK::Integer ||
            values[0].integer < 1 || values[0].integer > 38 || values[1].integer < 0) {
          wrong("takes the number of digits (1 to 38) and the number of them after the point");
          continue;
        }
        if (values[1].integer > values[0].integer) {
          (void)report<DiagnosticKind::ScaleAboveDigits>(decorator_site, values[0].integer,
                                                         values[1].integer);
          continue;
        }
        break;
      case Arguments::AnyValue:
        if (values.size() != 1) { wrong("takes one value"); continue; }
        break;
      case Arguments::Name:
        if (values.size() != 1 || values[0].kind != VK::Name) { wrong("takes one field name"); continue; }
        break;
      case Arguments::OnDelete:
        if (values.size() != 1 || values[0].kind != VK::Name ||
            (values[0].text != "cascade" && values[0].text != "restrict" && values[0].text != "setNull")) {
          wrong("takes `cascade`, `restrict` or `setNull`");
          continue;
        }
        break;
      case Arguments::Http:
        if (values.size() < 2 || values.size() > 3 || values[0].kind != VK::Name || values[1].kind != VK::String ||
            (values.size() == 3 && values[2].kind != VK::Integer)) {
          wrong("takes a method, a path and optionally a success status: `@http(POST, \"/path\", 202)`");
          continue;
        }
        break;
    }

    // What the decorator constrains must suit it.
    const auto unsuitable = [&](std::string_view needs) {
      (void)report<DiagnosticKind::MisappliedDecorator>(decorator_site, name,
                   fmt::format("a field of type `{}`", ir::type_name(module_, type)))
          .note(fmt::format("`@{}` needs {}", name, needs));
    };
    const bool typed = !type.is_none();
    const bool collection = shape_type != nullptr && (shape_type->kind == ir::Type::Kind::List ||
                                                      shape_type->kind == ir::Type::Kind::Map);
    if (name == "min" || name == "max") {
      if (typed && !is_scalar({ir::Scalar::Int, ir::Scalar::Float, ir::Scalar::Decimal})) { unsuitable("a number type (`int`, `float`, `decimal`)"); continue; }
      // An `int` is 64-bit: a bound outside its range would be vacuous, and no target can hold it
      // as an integer.
      if (is_scalar({ir::Scalar::Int}) && values[0].kind == VK::Number) {
        const double bound = std::strtod(values[0].text.c_str(), nullptr);
        if (!(bound >= -9223372036854775808.0 && bound < 9223372036854775808.0)) {
          (void)report<DiagnosticKind::NumberOutOfRange>(arguments[0], values[0].text,
                       fmt::format("`@{}` of an `int` lies between -9223372036854775808 and 9223372036854775807",
                                   name));
          continue;
        }
      }
      (name == "min" ? constraints.min : constraints.max) = spelling(values[0]);
    } else if (name == "minLength" || name == "maxLength") {
      if (typed && !collection && !is_scalar({ir::Scalar::String, ir::Scalar::Text, ir::Scalar::Bytes})) {
        unsuitable("`string`, `text`, `bytes`, a list or a map");
        continue;
      }
      (name == "minLength" ? constraints.min_length : constraints.max_length) =
          static_cast<std::uint64_t>(values[0].integer);
    } else if (name == "pattern") {
      if (typed && !is_scalar({ir::Scalar::String, ir::Scalar::Text})) { unsuitable("`string` or `text`"); continue; }
      const Site argument = arguments[0];
      if (auto problem = base::check_pattern(values[0].text)) {
        if (covers_lexical_error(span(argument))) continue;  // the string itself was reported
        (void)diagnostics_
            .report<DiagnosticKind::InvalidPattern>(span_in_string(argument, problem->begin, problem->end),
                    problem->message)
            .note("patterns use one dialect that JavaScript, Python and C++ read alike: I-Regexp (RFC 9485) "
                  "with `^`, `$`, `(?:...)` and ASCII `\\d \\w \\s` (docs/language.md, section 5)");
        continue;
      }
      if (const base::Pattern& compiled = compiled_pattern(values[0].text); !compiled.ok()) {
        (void)report<DiagnosticKind::InvalidPattern>(argument,
                     fmt::format("the pattern is too large to be matched in linear time ({})", compiled.error()))
            .note("make the counts in `{m,n}` smaller, or nest fewer of them");
        continue;
      }
      constraints.pattern = values[0].text;
    } else if (name == "format") {
      if (typed && !is_scalar({ir::Scalar::String})) { unsuitable("`string`"); continue; }
      constraints.format = values[0].text;
    } else if (name == "precision") {
      if (typed && !is_scalar({ir::Scalar::Decimal})) { unsuitable("`decimal`"); continue; }
      constraints.precision = static_cast<std::uint32_t>(values[0].integer);
      constraints.scale = static_cast<std::uint32_t>(values[1].integer);
    } else if (name == "id") {
      if (typed && (optional || !is_scalar({ir::Scalar::Uuid, ir::Scalar::Int, ir::Scalar::String}))) {
        unsuitable("a required `uuid`, `int` or `string`");
        continue;
      }
      constraints.is_id = true;
    } else if (name == "generated") {
      if (typed && !is_scalar({ir::Scalar::Uuid, ir::Scalar::Int, ir::Scalar::DateTime})) {
        unsuitable("`uuid` or `int` (on the `@id` field), or `datetime`");
        continue;
      }
      constraints.generated = true;
    } else if (name == "updatedAt") {
      // The service sets it when it creates the record and again on every write: a generated
      // field that does not stay put.
      if (typed && !is_scalar({ir::Scalar::DateTime})) {
        unsuitable("`datetime`");
        continue;
      }
      constraints.generated = true;
      constraints.updated_at = true;
    } else if (name == "deletedAt") {
      // Null while the record lives; a delete sets it to the current time and hides the record.
      if (typed && !(optional && is_scalar({ir::Scalar::DateTime}))) {
        unsuitable("`datetime?`: null until the record is deleted");
        continue;
      }
      constraints.deleted_at = true;
    } else if (name == "tenant" || name == "owner") {
      // The caller's tenant or identity: a required single reference (to the entity whose
      // records are the tenants or the users) or the id itself as a string, uuid or int.
      const bool single_reference = shape_type != nullptr && shape_type->kind == ir::Type::Kind::Entity;
      if (typed && (optional || (!single_reference && !is_scalar({ir::Scalar::Uuid, ir::Scalar::Int, ir::Scalar::String})))) {
        unsuitable("a required single reference, `uuid`, `int` or `string`");
        continue;
      }
      (name == "tenant" ? constraints.tenant : constraints.owner) = true;
    } else if (name == "unique" || name == "index") {
      const bool single_reference = shape_type != nullptr && shape_type->kind == ir::Type::Kind::Entity;
      const bool enumeration = shape_type != nullptr && shape_type->kind == ir::Type::Kind::Enum;
      const bool scalar = shape_type != nullptr && shape_type->kind == ir::Type::Kind::Scalar &&
                          !is_scalar({ir::Scalar::Json, ir::Scalar::Bytes});
      if (typed && !single_reference && !enumeration && !scalar) {
        unsuitable("a scalar (not `json` or `bytes`), an enum or a single reference");
        continue;
      }
      (name == "unique" ? constraints.unique : constraints.index) = true;
    } else if (name == "searchable") {
      if (typed && !is_scalar({ir::Scalar::String, ir::Scalar::Text})) { unsuitable("`string` or `text`"); continue; }
      constraints.searchable = true;
    } else if (name == "readonly") {
      constraints.readonly = true;
    } else if (name == "secret") {
      constraints.secret = true;
    } else if (name == "deprecated") {
      constraints.deprecated = values.empty() ? std::string() : values[0].text;
    } else if (name == "default") {
      if (alias_default != nullptr && check_value(values[0], type, arguments[0], "the `@default`")) {
        *alias_default = values[0];
      }
    } else if (extras != nullptr) {  // inverse, onDelete, http: checked by their phases
      extras->emplace_back(std::string(name), decorator_site);
    }
  }

  // Contradictions, including with the constraints an alias brings along. Only where this
  // declaration's own constraints take part: an alias's contradiction is reported once, at the
  // alias, not again at every use.
  if (!constraints.min && !constraints.max && !constraints.min_length && !constraints.max_length) return;
  ir::Constraints effective = alias_constraints(type);
  if (constraints.min) effective.min = constraints.min;
  if (constraints.max) effective.max = constraints.max;
  if (constraints.min_length) effective.min_length = constraints.min_length;
  if (constraints.max_length) effective.max_length = constraints.max_length;
  if ((constraints.min || constraints.max) && effective.min && effective.max &&
      compare_numbers(*effective.min, *effective.max) == 1) {
    (void)report<DiagnosticKind::ContradictoryConstraints>(owner, "min", *effective.min, "max",
                                                           *effective.max);
  }
  if ((constraints.min_length || constraints.max_length) && effective.min_length &&
      effective.max_length && *effective.min_length > *effective.max_length) {
    (void)report<DiagnosticKind::ContradictoryConstraints>(owner, "minLength", *effective.min_length,
                                                           "maxLength", *effective.max_length);
  }
}

}  // namespace bpc::lowering
