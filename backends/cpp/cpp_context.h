#pragma once

// What every file of a generated C++ project agrees on: the project's namespace, identifiers, the
// C++ type of each blueprint type (the typed model user code works with), and the runtime
// descriptors (`bpc::runtime::Type`, RecordType, EntityDescriptor) the service checks requests
// against. What the service does is the backend-neutral service model's (backends/service_model/).
//
// Identifiers: types keep their blueprint names (PascalCase), fields are snake_case, both mangled
// for C++ (backends/support/naming.h: keywords, glibc and Windows macros, `std`, `NULL`, `errno`
// and the like get `_`); derived names (`patient_entity`, `PatientCreate`) are resolved with the
// rest of their scope, so they never collide. Wire names (JSON keys, enum values, query
// parameters) never change; they are always C++ string literals (`cpp_string`).
//
// Descriptors are interned: `type_descriptor` returns the name of a `const bpc::runtime::Type`
// in src/descriptors.cpp, defining it (and the types it refers to) the first time it is asked for,
// so a type that many fields share is one object.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "backends/service_model/service_model.h"
#include "backends/support/naming.h"
#include "ir/ir.h"

namespace bpc::backends::cpp {

class CppContext {
 public:
  CppContext(const service::ServiceModel& model, std::string ns);

  const ir::Module& module() const { return module_; }
  const service::ServiceModel& service() const { return model_; }
  // The project's C++ namespace (`clinic`), also its CMake project and include folder.
  const std::string& ns() const { return ns_; }
  // Where its headers are, under include/ (`acme/crm` for `acme::crm`).
  std::string include_dir() const;
  // The CMake project and target prefix (`acme_crm`).
  std::string project() const;

  // The identifier of a named declaration ("enum", "struct", "entity").
  const std::string& type_name(std::string_view kind, std::uint32_t index) const;
  // A global name derived from a declaration or an operation ("entity:3:descriptor"...).
  const std::string& global(const std::string& key) const;
  // What an operation's globals are named from (`<stem>_path`, `<stem>_input`): its name in
  // snake_case, after its API's when an earlier API has an operation of the same name (two APIs
  // serving one entity both have `getEmployee`).
  const std::string& operation_stem(ir::OperationId op) const { return operation_stems_[op.index]; }
  // A field's identifier as a member of its struct or entity.
  const std::string& field_name(ir::FieldId field) const { return fields_[field.index]; }
  // An enum value's enumerator.
  const std::string& enumerator(std::uint32_t enumeration, std::string_view value) const;
  // The hand-written functions in namespace <ns>::handlers (snake_case, unique among them): a
  // custom operation's, a policy condition's (`condition_is_owner`), a workflow guard's
  // (`guard_booking_slot_is_free`).
  const std::string& operation_name(ir::OperationId op) const { return operations_[op.index]; }
  const std::string& condition_name(std::string_view condition) const;
  const std::string& guard_name(ir::WorkflowId workflow, std::string_view guard) const;
  // A hand-written event handler's function (`on_notify_warehouse`).
  const std::string& handler_name(std::uint32_t event, std::uint32_t handler) const;
  // Every policy condition an operation's access rule names, sorted.
  const std::map<std::string, std::string, std::less<>>& conditions() const { return conditions_; }

  // The C++ type of the typed model for a blueprint type: std::string, std::int64_t, double,
  // bool, the enum or struct, std::vector, std::map, std::optional; an entity reference as its id.
  std::string cpp_type(ir::TypeId type) const;

  // The name of the runtime descriptor of `type` with `constraints` on top of its aliases'.
  std::string type_descriptor(ir::TypeId type, const ir::Constraints* constraints) const;
  // The descriptor of a field's value (its type with its constraints).
  std::string field_descriptor(ir::FieldId field) const;
  // The definitions type_descriptor made, in order (each refers only to earlier ones and to
  // record types).
  const std::vector<std::string>& descriptor_definitions() const { return definitions_; }

  // A C++ expression of a blueprint value as it travels (a bpc::runtime::Json).
  std::string json_literal(const ir::Value& value, ir::TypeId type) const;
  // A C++ string literal.
  static std::string string(std::string_view text) { return cpp_string(text); }
  // A braced list of `lines` (each indented and ending in ",\n") closed at `indent`, or `{}` when
  // there are none: libFormat joins an empty list onto one line.
  static std::string braced_lines(const std::string& lines, std::string_view indent) {
    return lines.empty() ? "{}" : "{\n" + lines + std::string(indent) + "}";
  }
  // How a query-string value of the type converts (bpc::runtime::ParameterKind).
  std::string parameter_kind(ir::TypeId type) const;
  // How a field's values order (bpc::runtime::OrderKind expression).
  std::string order_kind(ir::FieldId field) const;

 private:
  std::string define(std::string expression) const;
  std::string constraints_expression(const ir::Type& base, const ir::Constraints& c) const;

  const service::ServiceModel& model_;
  const ir::Module& module_;
  std::string ns_;
  Namer namer_;
  std::vector<std::string> fields_;
  std::vector<std::string> operations_;
  std::vector<std::string> operation_stems_;
  std::map<std::string, std::string, std::less<>> conditions_;  // condition -> function
  std::map<std::string, std::string, std::less<>> guards_;      // "<workflow index>.<guard>" -> function
  std::map<std::string, std::string, std::less<>> handlers_;    // "<event index>.<handler index>" -> function
  mutable std::map<std::string, std::string, std::less<>> interned_;  // expression -> name
  mutable std::vector<std::string> definitions_;
};

}  // namespace bpc::backends::cpp
