#include "backends/typescript/typescript_backend.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/openapi/openapi_documents.h"
#include "backends/service_model/samples.h"
#include "backends/service_model/test_plan.h"
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
  const TsContext ctx(service::ServiceModel::of(module, shared));
  const service::Samples samples(ctx.service());
  const service::TestPlan plan(ctx.service(), samples);
  emit_model(ctx, out);
  emit_schema(ctx, out);
  emit_apis(ctx, out);
  emit_workflows(ctx, out);
  emit_tests(ctx, plan, samples, out);
  if (!plan.skipped().empty()) {
    out.report(fmt::format("tests: {} group{} skipped, with the reasons in README.md", plan.skipped().size(),
                           plan.skipped().size() == 1 ? "" : "s"));
  }
  // The OpenAPI documents the service serves, one line of ASCII-only JSON each (no invisible or
  // bidirectional characters in the source), as a string literal. Asked for last: they are the
  // slowest part, and the driver builds them in a task of their own (shared_work) while the
  // files above are emitted; the openapi backend, when it runs in the same build, reads the same.
  std::vector<std::string> documents;
  for (const std::string& document : openapi::compact_openapi_documents(module, shared)) {
    documents.push_back(typescript_string(document));
  }
  emit_project(ctx, options, documents, plan.skipped(), out);
}

std::optional<ContainerProject> TypeScriptBackend::container(const ir::Module& module, const Options& options) const {
  return typescript_container(module, options);
}

std::vector<std::function<void()>> TypeScriptBackend::shared_work(const ir::Module& module, const Options& /*options*/,
                                                         SharedArtifacts& shared) const {
  return {[&module, &shared] { (void)openapi::compact_openapi_documents(module, shared); }};
}

}  // namespace bpc::backends::typescript
