#include "backends/cpp/cpp_backend.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/cpp/emitters.h"
#include "backends/openapi/openapi_documents.h"
#include "backends/service_model/samples.h"
#include "backends/service_model/test_plan.h"
#include "backends/support/naming.h"

namespace bpc::backends::cpp {

namespace {

// Namespaces the project's code uses, which the project's own may not shadow.
constexpr std::string_view kTaken[] = {"std", "bpc", "httplib", "nlohmann", "re2", "testing", "posix", "detail"};

bool usable_component(std::string_view name) {
  const bool identifier = !name.empty() && !(name[0] >= '0' && name[0] <= '9') && name[0] != '_' && name.find("__") == std::string_view::npos &&
                          name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos;
  return identifier && std::find(std::begin(kTaken), std::end(kTaken), name) == std::end(kTaken) &&
         !is_reserved(name, Target::Cpp, NameKind::Type);
}

// The project's namespace: the `namespace` option (`clinic`, `acme::crm`: identifiers that are not
// keywords, macros or the namespaces the project uses), else the blueprint's name in snake_case.
std::string namespace_name(const ir::Module& module, const Options& options) {
  const std::string& option = options.string("namespace");
  if (!option.empty()) {
    std::size_t start = 0;
    while (true) {
      const std::size_t end = option.find("::", start);
      if (!usable_component(std::string_view(option).substr(start, end == std::string::npos ? std::string::npos : end - start))) {
        throw BackendLimitation(fmt::format("option `namespace` must name a C++ namespace (identifiers separated by `::`, none a "
                                            "keyword, a macro or a namespace the project uses), not `{}`",
                                            option));
      }
      if (end == std::string::npos) return option;
      start = end + 2;
    }
  }
  std::string name = mangle(to_snake_case(module.header.name), Target::Cpp, NameKind::Type);
  if (name.empty() || name == "unnamed_") name = "blueprint";
  if (!usable_component(name)) name = (name.back() == '_' ? name : name + "_") + "service";
  return name;
}

}  // namespace

std::vector<OptionSpec> CppBackend::options() const {
  return {
      {"namespace", OptionType::String, {}, std::string(), "The C++ namespace, also the CMake project (default: the blueprint's name in snake_case)"},
      {"port", OptionType::Int, {}, std::int64_t{8080}, "The port the server listens on unless PORT is set"},
  };
}

void CppBackend::emit(const ir::Module& module, const Options& options, OutputDirectory& out, DiagnosticEngine& /*diagnostics*/,
                      SharedArtifacts& shared) const {
  const CppContext ctx(service::ServiceModel::of(module, shared), namespace_name(module, options));
  const service::Samples samples(ctx.service());
  const service::TestPlan plan(ctx.service(), samples);
  emit_model(ctx, out);
  emit_api(ctx, out);
  emit_tests(ctx, plan, samples, out);
  emit_descriptors(ctx, out);  // after every emitter that asks for type descriptors
  if (!plan.skipped().empty()) {
    out.report(fmt::format("tests: {} group{} skipped, with the reasons in README.md", plan.skipped().size(),
                           plan.skipped().size() == 1 ? "" : "s"));
  }
  emit_project(ctx, options, openapi::compact_openapi_documents(module, shared), plan.skipped(), out);
}

std::optional<ContainerProject> CppBackend::container(const ir::Module& module, const Options& options) const {
  return cpp_container(module, options);
}

std::vector<std::function<void()>> CppBackend::shared_work(const ir::Module& module, const Options& /*options*/,
                                                         SharedArtifacts& shared) const {
  return {[&module, &shared] { (void)openapi::compact_openapi_documents(module, shared); }};
}

}  // namespace bpc::backends::cpp
