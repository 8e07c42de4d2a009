#pragma once

// What every file of a generated Python project agrees on: the package name, identifiers, the
// Pydantic annotation of each type, and Python literals for blueprint values. What the service
// does (which fields a create takes, who may call what, which statuses an operation answers) is
// the backend-neutral service model's (backends/service_model/), which `service()` gives.
//
// Identifiers: classes keep their blueprint names (PascalCase is the blueprint's convention),
// mangled for Python (backends/support/naming.h); fields, operations and modules are snake_case.
// Derived names (`PatientCreate`, `PATIENT` for a descriptor) get `_` appended until no other
// identifier of the module has them. Wire names (JSON keys, enum values, query parameters) never
// change: a field whose identifier differs from its name carries the name as its Pydantic alias.
// Names that would shadow what generated modules import or what BaseModel defines (`json`,
// `model_dump`, `Field`, `datetime`, `str`...) are reserved in every scope.

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backends/python/imports.h"
#include "backends/service_model/relational_schema.h"
#include "backends/service_model/service_model.h"
#include "ir/ir.h"

namespace bpc::backends::python {

// How an entity-typed value is written: its id (records, requests) or the whole record (results,
// event payloads).
enum class EntityForm : std::uint8_t { Id, Record };

struct ApiNames {
  std::string module;  // src/<package>/api/<module>/
  std::string router;  // the router factory function
};

class PyContext {
 public:
  PyContext(const service::ServiceModel& model, std::string package);

  const ir::Module& module() const { return module_; }
  const service::ServiceModel& service() const { return model_; }
  // The import package (`clinic_api`): the folder under src/.
  const std::string& package() const { return package_; }
  // `package.suffix`: a module of the package, for absolute imports.
  std::string module_path(std::string_view suffix) const { return package_ + "." + std::string(suffix); }

  // The identifier of a named declaration (`kind` is "alias", "enum", "struct", "entity", "event").
  const std::string& type_name(std::string_view kind, std::uint32_t index) const;
  // A name derived from a declaration ("Create", "Update", "Row", "DESCRIPTOR"...), unique.
  const std::string& derived(std::string_view kind, std::uint32_t index, std::string_view suffix) const;
  // The identifier of a field in the class or function of its owner (snake_case).
  const std::string& field_name(ir::FieldId field) const { return fields_[field.index]; }
  const ApiNames& api_names(ir::ApiId api) const { return apis_[api.index]; }
  // An operation's route function and parameter classes, unique within its API (snake_case).
  const std::string& operation_name(ir::OperationId op) const { return operations_[op.index]; }
  // An operation's class prefix (PascalCase): `ListPatients` of `ListPatientsPath`, unique.
  const std::string& operation_class(ir::OperationId op) const { return operation_classes_[op.index]; }
  // The class of a workflow's triggers in workflows.py and its guards in handlers/guards.py.
  const std::string& workflow_name(ir::WorkflowId workflow) const { return workflows_[workflow.index]; }
  // A trigger's method name (snake_case), unique in its workflow.
  const std::string& trigger_name(ir::WorkflowId workflow, std::string_view trigger) const;
  const std::string& table_name(ir::EntityId entity) const { return tables_[entity.index]; }

  // The annotation of a type with the constraints of the aliases it goes through and
  // `constraints` on top (field constraints win). `prefix` qualifies the model's classes
  // (`model.` outside model.py).
  std::string annotation(ir::TypeId type, const ir::Constraints* constraints, EntityForm form,
                         std::string_view prefix = {}) const;
  // A Python literal for a blueprint value of a type, as the model's classes hold it.
  std::string literal(const ir::Value& value, ir::TypeId type, std::string_view prefix = {}) const;
  // A wire (JSON) literal for a blueprint value: what a record holds.
  std::string wire_literal(const ir::Value& value, ir::TypeId type) const;
  // How a sort key's values order (runtime/query.py's OrderKind): `"decimal"`, or an enum's
  // values in declaration order.
  std::string order_kind(ir::FieldId field) const;
  // How a relational store keeps a field (runtime/store.py's ColumnKind).
  std::string column_kind(ir::FieldId field) const;

  static std::string string(std::string_view text);  // a Python string literal
  // A tuple literal of the items: `()`, `(a,)`, `(a, b)`.
  static std::string tuple(const std::vector<std::string>& items);
  // The names Python code uses outside its string literals and comments (a rough tokenizer: enough
  // for bpc's own output), so a module imports exactly what it uses.
  static std::set<std::string, std::less<>> identifiers_in(std::string_view code);
  // `from MODULE import A, B` for the names of `candidates` that `used` holds, in order; empty when
  // none is.
  static std::string import_line(std::string_view module, std::initializer_list<std::string_view> candidates,
                                 const std::set<std::string, std::less<>>& used);

  // The tables of the relational store (backends/service_model/relational_schema.h).
  const service::RelationalSchema& schema() const { return schema_; }
  const ir::Type& base(ir::TypeId type, bool strip_optional = true) const { return model_.base(type, strip_optional); }
  bool is_optional(ir::TypeId type) const { return model_.is_optional(type); }

 private:
  std::string scalar(ir::Scalar scalar, const ir::Constraints* c) const;

  const service::ServiceModel& model_;
  const ir::Module& module_;
  std::string package_;
  std::unordered_map<std::string, std::string> names_;  // "kind:index[:suffix]" -> identifier
  std::vector<std::string> fields_;
  std::vector<ApiNames> apis_;
  std::vector<std::string> operations_;
  std::vector<std::string> operation_classes_;
  std::vector<std::string> workflows_;
  std::vector<std::map<std::string, std::string, std::less<>>> triggers_;
  service::RelationalSchema schema_;  // the tables' names come from it, as `bpc migrate` sees them
  std::vector<std::string> tables_;
};

}  // namespace bpc::backends::python
