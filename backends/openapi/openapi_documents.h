#pragma once

// The OpenAPI 3.1 documents of a module's APIs as JSON trees: built once per build and shared by
// the backends that need them (the `openapi` backend writes them, the `typescript` backend serves
// them from the generated service), each printing them its own way.

#include <string>
#include <vector>

#include "backends/jsonschema/schema_mapping.h"
#include "backends/shared_artifacts.h"
#include "ir/ir.h"

namespace bpc::backends::openapi {

// The document of each of the module's APIs, in the module's order.
const std::vector<jsonschema::Json>& openapi_documents(const ir::Module& module, SharedArtifacts& shared);

// The same documents as generated services serve them: one line of ASCII-only JSON each. Built
// once per build, so a backend's shared_work can print them beside its own emission.
const std::vector<std::string>& compact_openapi_documents(const ir::Module& module, SharedArtifacts& shared);

}  // namespace bpc::backends::openapi
