#pragma once

// The `jsonschema` backend: one JSON Schema (draft 2020-12) document per entity, struct and enum,
// `schemas/<Name>.schema.json`, and `index.json` listing them. docs/backends/jsonschema.md
// describes the mapping of every type and constraint.
//
// Option `entityReferences` (enum, default `id`): how a field that refers to an entity is
// written. `id`: as the referenced entity's id (its id field's schema, with a description naming
// the entity), which is what the record holds on the wire. `ref`: a `$ref` to the entity's
// schema, for documents that embed the referenced record.

#include "backends/backend.h"

namespace bpc::backends::jsonschema {

class JsonSchemaBackend final : public Backend {
 public:
  std::string_view name() const override { return "jsonschema"; }
  std::string_view description() const override {
    return "JSON Schema 2020-12 for every entity, struct and enum";
  }
  std::vector<OptionSpec> options() const override;
  void emit(const ir::Module& module, const Options& options, OutputDirectory& out, DiagnosticEngine& diagnostics,
            SharedArtifacts& shared) const override;
};

}  // namespace bpc::backends::jsonschema
