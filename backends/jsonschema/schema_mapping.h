#pragma once

// The mapping of IR types and constraints to JSON Schema 2020-12, shared by the `jsonschema`
// backend (one standalone document per declaration) and the `openapi` backend (OpenAPI 3.1
// component schemas, which are JSON Schema 2020-12). docs/backends/jsonschema.md describes it.
//
// Keys keep the order they are inserted in (json.h), so output is deterministic.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "backends/jsonschema/json.h"
#include "ir/ir.h"

namespace bpc::backends::jsonschema {

struct MappingSettings {
  // `$ref` target of the schema of a named enum, struct or entity.
  std::function<std::string(std::string_view name)> ref;
  // Whether a field that refers to an entity is a `$ref` to its schema (else: the entity's id).
  bool entity_refs = false;
  // Standalone documents: each schema gets `$schema` and `$id` (= ref(name)), and an entity id's
  // description names the referenced schema. Off for schemas embedded in another document.
  bool standalone = true;
};

class SchemaMapper {
 public:
  SchemaMapper(const ir::Module& module, MappingSettings settings);
  ~SchemaMapper();
  SchemaMapper(const SchemaMapper&) = delete;
  SchemaMapper& operator=(const SchemaMapper&) = delete;

  Json enum_schema(const ir::Enum& e) const;
  Json record_schema(const std::string& name, const std::string& doc,
                     const std::vector<ir::FieldId>& fields) const;
  // The schema of one field (or operation parameter): type, constraints, description, default,
  // readOnly/writeOnly/deprecated.
  Json field_schema(ir::FieldId id) const;
  // The schema of a type (a result type), without field annotations.
  Json type_schema(ir::TypeId id) const;
  // Whether a value must be given for the field: not optional, no default, not generated, not
  // an inverse.
  bool is_required(ir::FieldId id) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bpc::backends::jsonschema
