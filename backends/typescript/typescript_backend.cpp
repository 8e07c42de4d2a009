#include "backends/typescript/typescript_backend.h"

#include <future>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/openapi/openapi_documents.h"
#include "backends/support/naming.h"
#include "backends/typescript/emitters.h"
#include "backends/typescript/ts_context.h"

namespace bpc::backends::typescript {

std::vector<OptionSpec> TypeScriptBackend::options() const {
  return {
      {"package", OptionType::String, {}, std::string(), "The npm package name (default: the blueprint's name in kebab-case)"},
      {"port", OptionType::Int, {}, std::int64_t{3000}, "The port `npm start` listens on unless PORT is set"},
  };
}

void TypeScriptBackend::emit(const ir::Module& module, const Options& options, OutputDirectory& out,
                             DiagnosticEngine& /*diagnostics*/, SharedArtifacts& shared) const {
  // The OpenAPI documents the service serves are the slowest part: get them (built once per build,
  // perhaps by the openapi backend on its own thread) and print them on another thread while this
  // one prints the project: one line of ASCII-only JSON each (no invisible or bidirectional
  // characters in the source), as a string literal. Both threads only read the module.
  std::future<std::vector<std::string>> documents = std::async(std::launch::async, [&module, &shared] {
    std::vector<std::string> literals;
    for (const jsonschema::Json& document : openapi::openapi_documents(module, shared)) {
      literals.push_back(typescript_string(document.dump(-1, ' ', true)));
    }
    return literals;
  });
  const TsContext ctx(module);
  emit_model(ctx, out);
  emit_apis(ctx, out);
  emit_tests(ctx, out);
  emit_project(ctx, options, documents.get(), out);
}

}  // namespace bpc::backends::typescript
