#pragma once

// What every file of a generated TypeScript project agrees on: identifiers, the Zod schema of
// each type, JavaScript literals for blueprint values, and facts about entities the routes, the
// stores and the tests all need (which fields a create request takes, which are filters...).
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
#include <string_view>
#include <vector>

#include "backends/support/access.h"
#include "ir/ir.h"

namespace bpc::backends::typescript {

// How an entity-typed value is written: its id (records, requests) or the whole record (results,
// event payloads).
enum class EntityForm : std::uint8_t { Id, Record };

struct ApiNames {
  std::string folder;   // src/api/<folder>/
  std::string router;   // the router factory function
};

class TsContext {
 public:
  explicit TsContext(const ir::Module& module);

  const ir::Module& module() const { return module_; }

  // The identifier of a named declaration (`kind` is "alias", "enum", "struct", "entity", "event").
  const std::string& type_name(std::string_view kind, std::uint32_t index) const;
  // The identifier of a declaration plus a suffix ("Schema", "Create", "Values"...), unique.
  const std::string& derived(std::string_view kind, std::uint32_t index, std::string_view suffix) const;
  const ApiNames& api_names(ir::ApiId api) const { return apis_[api.index]; }
  // The identifier of an operation's handler and types, unique within its API.
  const std::string& operation_name(ir::OperationId op) const { return operations_[op.index]; }
  const std::string& workflow_name(ir::WorkflowId workflow) const { return workflows_[workflow.index]; }
  // The transitions of a workflow with a trigger, in order (indexed once: a workflow may have
  // 100,000 transitions, and each trigger's code and tests ask).
  const std::vector<std::uint32_t>& transitions_with_trigger(ir::WorkflowId workflow, const std::string& trigger) const {
    return trigger_transitions_[workflow.index].at(trigger);
  }
  const std::string& table_name(ir::EntityId entity) const { return tables_[entity.index]; }

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
  static std::string string(std::string_view text);  // a TypeScript string literal
  // A string-literal value for the member `key` of an object literal typed as a record of string
  // literal types (`{ limit: 'number' }` as Record<string, ParameterKind>). tsc gives a member
  // named like a member of Object.prototype (`constructor`, `toString`...) the type of that
  // member as context instead, so the literal would widen to `string`: those get `as const`.
  static std::string literal_member_value(std::string_view key, std::string_view text);

  // The Zod schema expression of a type, with the constraints of the aliases it goes through and
  // `constraints` on top (field constraints win over an alias's).
  // `prefix` qualifies the model's identifiers (`model.` outside model.ts).
  std::string zod(ir::TypeId type, const ir::Constraints* constraints, EntityForm form, std::string_view prefix = {}) const;
  // The Zod expression of a field as an object member: `zod(...)` plus `.nullable().optional()`
  // for optional types and `.default(...)` when `with_default`.
  std::string zod_field(ir::FieldId field, EntityForm form, bool with_default, bool all_optional,
                        std::string_view prefix = {}) const;
  // `.default(...)` for a field or alias of the type with this default.
  std::string default_call(const ir::Value& value, ir::TypeId type, std::string_view prefix = {}) const;
  // A JavaScript literal for a blueprint value of a type.
  std::string literal(const ir::Value& value, ir::TypeId type) const;

  // The type with aliases resolved (and, with `strip_optional`, optionality too).
  const ir::Type& base(ir::TypeId type, bool strip_optional = true) const;
  bool is_optional(ir::TypeId type) const;
  // A field's default, its own or its alias chain's.
  const ir::Value* default_of(const ir::Field& field) const;

  // Entity facts.
  bool is_inverse(ir::FieldId field) const;
  bool is_workflow_state(ir::FieldId field) const;
  // Fields stored in a record: every field but inverses.
  std::vector<ir::FieldId> stored_fields(ir::EntityId entity) const;
  // Fields a create request takes: stored, not generated, not a workflow's state.
  std::vector<ir::FieldId> create_fields(ir::EntityId entity) const;
  // Fields an update request may change: create fields that are not the id and not readonly.
  std::vector<ir::FieldId> update_fields(ir::EntityId entity) const;
  // Equality filters of lists: `@index` and `@unique` scalar, enum or reference fields, not the id.
  std::vector<ir::FieldId> filter_fields(ir::EntityId entity) const;
  // How a query-string value of the type converts: "number", "boolean", "list" or "string".
  std::string parameter_kind(ir::TypeId type) const;
  // The relation of a stored reference field, if it is one.
  const ir::Relation* reference(ir::FieldId field) const;
  const ir::Workflow* workflow_of(ir::EntityId entity) const;

  const OperationAccess& access(ir::OperationId op) const { return access_[op.index]; }
  // Whether the blueprint declares roles (else every operation is open).
  bool secured() const { return !module_.roles.empty(); }

 private:
  std::string scalar_zod(ir::Scalar scalar) const;
  std::string constrained(const std::string& base_expression, const ir::Type& base, const ir::Constraints& c) const;

  const ir::Module& module_;
  std::map<std::string, std::string, std::less<>> names_;  // "kind:index[:suffix]" -> identifier
  std::vector<std::string> used_;                          // every identifier given out, sorted
  std::vector<ApiNames> apis_;
  std::vector<std::string> operations_;
  std::vector<std::string> workflows_;
  std::vector<std::unordered_map<std::string, std::vector<std::uint32_t>>> trigger_transitions_;
  std::vector<std::string> tables_;
  std::vector<bool> inverse_;
  std::vector<bool> state_field_;
  std::vector<const ir::Relation*> reference_;
  std::vector<OperationAccess> access_;

};

}  // namespace bpc::backends::typescript
