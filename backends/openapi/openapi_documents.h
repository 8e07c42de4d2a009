#pragma once

// The OpenAPI 3.1 documents of a module's APIs, built once per build and shared by the backends
// that need them: generated services serve them (typescript, python, cpp) and the `openapi`
// backend writes them indented (jsonschema/json_text.h).

#include <string>
#include <vector>

#include "backends/shared_artifacts.h"
#include "ir/ir.h"

namespace bpc::backends::openapi {

// The document of each of the module's APIs, in the module's order, as generated services serve
// them: one line of ASCII-only JSON each. A backend's shared_work can build them beside its own
// emission.
const std::vector<std::string>& compact_openapi_documents(const ir::Module& module, SharedArtifacts& shared);

}  // namespace bpc::backends::openapi
