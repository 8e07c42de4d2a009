#pragma once

// The `openapi` backend: one OpenAPI 3.1.0 document per API, `<ApiName>.openapi.json`, with a
// path item per route, parameters, request bodies, responses (errors as application/problem+json),
// component schemas for every entity, struct and enum (the JSON Schema mapping of the
// `jsonschema` backend, backends/jsonschema/schema_mapping.h), bearer security and the roles
// that may call each operation. docs/backends/openapi.md describes the mapping. No options.

#include "backends/backend.h"

namespace bpc::backends::openapi {

class OpenApiBackend final : public Backend {
 public:
  std::string_view name() const override { return "openapi"; }
  std::string_view description() const override { return "OpenAPI 3.1 document for every API"; }
  void emit(const ir::Module& module, const Options& options, OutputDirectory& out, DiagnosticEngine& diagnostics,
            SharedArtifacts& shared) const override;
};

}  // namespace bpc::backends::openapi
