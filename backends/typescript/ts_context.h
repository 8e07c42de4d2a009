#pragma once

// What every file of a generated TypeScript project agrees on: identifiers, the Zod schema of
// each type and JavaScript literals for blueprint values. What the service does (which fields a
// create takes, who may call what, which statuses an operation answers) is the backend-neutral
// service model's (backends/service_model/), which `service()` gives.
//
// Identifiers: declarations keep their blueprint names, mangled for TypeScript
// (backends/support/naming.h); derived names (`PatientSchema`, `PatientCreate`) are the
// identifier plus a suffix, with `_` appended until no other identifier of the module has it.
// Wire names (JSON keys, enum values, query parameters) are never changed: keys that are not
// plain identifiers are written as string literals.

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <string_view>
#include <vector>

#include "backends/service_model/relational_schema.h"
#include "backends/service_model/service_model.h"
#include "ir/ir.h"

namespace bpc::backends::typescript {

// How an entity-typed value is written: its id (records, requests) or the whole record (results,
// event payloads).
enum class EntityForm : std::uint8_t { Id, Record };

// What Zod expressions use besides Zod: the runtime's helpers (runtime/decimal.ts,
// runtime/text.ts) and the model's schemas (through a `prefix` such as `model.`).
struct ZodHelpers {
  bool compare_decimal = false;
  bool code_point_length = false;
  bool bare = false;  // runtime/wire.ts: struct defaults
  bool utc_datetime = false;   // runtime/datetime.ts: date-times held in UTC
  bool storable_date = false;  // runtime/datetime.ts: dates a calendar keeps
  bool model = false;
};

struct ApiNames {
  std::string folder;   // src/api/<folder>/
  std::string router;   // the router factory function
};

class TsContext {
 public:
  explicit TsContext(const service::ServiceModel& model);

  const ir::Module& module() const { return module_; }
  const service::ServiceModel& service() const { return model_; }
  // The tables of the SQL store (src/schema.ts, the entity descriptors' columns).
  const service::RelationalSchema& schema() const { return schema_; }

  // The identifier of a named declaration (`kind` is "alias", "enum", "struct", "entity", "event").
  const std::string& type_name(std::string_view kind, std::uint32_t index) const;
  // The identifier of a declaration plus a suffix ("Schema", "Create", "Values"...), unique.
  const std::string& derived(std::string_view kind, std::uint32_t index, std::string_view suffix) const;
  const ApiNames& api_names(ir::ApiId api) const { return apis_[api.index]; }
  // The identifier of an operation's handler and types, unique within its API.
  const std::string& operation_name(ir::OperationId op) const { return operations_[op.index]; }
  const std::string& workflow_name(ir::WorkflowId workflow) const { return workflows_[workflow.index]; }
  // How a sort key's values order (runtime/query.ts's OrderKind): `'decimal'`, or an enum's
  // values in declaration order.
  std::string order_kind(ir::FieldId field) const;

  // A property key of an object literal or type: the name itself when it is a plain identifier,
  // else a string literal; `__proto__` is computed (`['__proto__']`), since a literal key of that
  // name sets the object's prototype instead of making a property.
  static std::string key(std::string_view wire_name);
  // Whether a name can be written as it is after a `.` or as a key: `[A-Za-z_$][A-Za-z0-9_$]*`,
  // and not `__proto__`.
  static bool is_plain_identifier(std::string_view name);
  // A field's key in the service's memory (runtime/wire.ts): `__proto__` becomes `$__proto__`;
  // every blueprint name else is itself (blueprint names never start with `$`).
  static std::string property(std::string_view field_name);
  // key(property(field_name)): a field's key in a record, schema or payload object literal.
  static std::string field_key(std::string_view field_name) { return key(property(field_name)); }
  // `object.name`, or `object['na-me']` when the name is not a plain identifier.
  static std::string member(std::string_view object, std::string_view name);
  // A field of a record or argument object (its internal key, property()).
  static std::string field_member(std::string_view object, std::string_view field_name) {
    return member(object, property(field_name));
  }
  // An event field's value taken from `value`, a value of the same name and type (`source` is the
  // field or parameter it comes from): a reference, an id, becomes the record it names, loaded
  // from the whole store (`mustGet(unscoped(store)...)`: a snapshot, even of a record the caller's
  // view hides), or null for a missing optional one; other values are themselves. The code
  // around it must import `mustGet` and `unscoped` and have `store` and `model` in scope.
  std::string payload_member(ir::TypeId event_field_type, const ir::Field& source, std::string_view value) const;
  static std::string string(std::string_view text);  // a TypeScript string literal
  // A string-literal value for the member `key` of an object literal typed as a record of string
  // literal types (`{ limit: 'number' }` as Record<string, ParameterKind>). tsc gives a member
  // named like a member of Object.prototype (`constructor`, `toString`...) the type of that
  // member as context instead, so the literal would widen to `string`: those get `as const`.
  static std::string literal_member_value(std::string_view key, std::string_view text);
  // Whether a property of that name in an object literal is typed from Object.prototype's member.
  static bool shadows_object_member(std::string_view key);

  // The Zod schema expression of a type, with the constraints of the aliases it goes through and
  // `constraints` on top (field constraints win over an alias's).
  // `prefix` qualifies the model's identifiers (`model.` outside model.ts).
  std::string zod(ir::TypeId type, const ir::Constraints* constraints, EntityForm form, std::string_view prefix = {}) const;
  // The Zod expression of a field as an object member: `zod(...)` plus `.nullable().optional()`
  // for optional types and `.default(...)` when `with_default` (`[]` for a list of references that may
  // be left out on create).
  std::string zod_field(ir::FieldId field, EntityForm form, bool with_default, bool all_optional,
                        std::string_view prefix = {}) const;
  // `.default(...)` for a field or alias of the type with this default.
  std::string default_call(const ir::Value& value, ir::TypeId type, std::string_view prefix = {}) const;
  // A JavaScript literal for a blueprint value of a type.
  std::string literal(const ir::Value& value, ir::TypeId type) const;

  // The helpers the Zod expressions made since the last call used, so that a file imports exactly
  // those (generated projects compile with noUnusedLocals). A TsContext belongs to one emit, on
  // one thread.
  ZodHelpers take_helpers() const { return std::exchange(helpers_, ZodHelpers{}); }

  const ir::Type& base(ir::TypeId type, bool strip_optional = true) const { return model_.base(type, strip_optional); }
  bool is_optional(ir::TypeId type) const { return model_.is_optional(type); }
  const ir::Value* default_of(const ir::Field& field) const { return model_.default_of(field); }

 private:
  std::string scalar_zod(ir::Scalar scalar) const;
  // `prefix`, noting that the model is used when it is not empty.
  std::string qualified(std::string_view prefix) const;
  std::string constrained(const std::string& base_expression, const ir::Type& base, const ir::Constraints& c) const;

  const service::ServiceModel& model_;
  const ir::Module& module_;
  const service::RelationalSchema schema_;
  std::map<std::string, std::string, std::less<>> names_;  // "kind:index[:suffix]" -> identifier
  std::vector<std::string> used_;                          // every identifier given out, sorted
  std::vector<ApiNames> apis_;
  std::vector<std::string> operations_;
  std::vector<std::string> workflows_;
  mutable ZodHelpers helpers_;
};

}  // namespace bpc::backends::typescript
