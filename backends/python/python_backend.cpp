#include "backends/python/python_backend.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/openapi/openapi_documents.h"
#include "backends/python/emitters.h"
#include "backends/python/fixed_project_files.h"
#include "backends/python/py_context.h"
#include "backends/service_model/samples.h"
#include "backends/service_model/test_plan.h"
#include "backends/support/naming.h"

namespace bpc::backends::python {

namespace {

// Modules only generated code, its tests or the libraries it loads by name import; what the fixed
// files import is read from them (imported_by_fixed_files), so the two cannot drift apart.
constexpr std::string_view kTaken[] = {"uvicorn", "httpx", "httpx2", "psycopg", "tests", "fixtures"};

// Whether a fixed file imports the top-level module `name` (`import name...`, `from name...
// import`), or is the test module of that name (tests/service.py: `service`).
bool imported_by_fixed_files(std::string_view name) {
  for (const EmbeddedFile& file : fixed_project_files()) {
    if (!file.path.ends_with(".py")) continue;
    if (file.path.starts_with("tests/") && file.path.substr(6, file.path.size() - 9) == name) return true;
    std::string_view rest = file.contents;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
      for (std::string_view keyword : {"import ", "from "}) {
        if (!line.starts_with(keyword)) continue;
        const std::string_view module = line.substr(keyword.size());
        if (module.starts_with(name) && (module.size() == name.size() || module[name.size()] == '.' ||
                                         module[name.size()] == ' ' || module[name.size()] == ',')) {
          return true;
        }
      }
    }
  }
  return false;
}

bool usable_package(std::string_view name) {
  const bool identifier = !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
                          name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos;
  return identifier && std::find(std::begin(kTaken), std::end(kTaken), name) == std::end(kTaken) &&
         !imported_by_fixed_files(name) && !is_reserved(name, Target::Python, NameKind::Value);
}

// The import package: the `package` option (an identifier that is not a keyword and shadows no
// module the project imports), else the blueprint's name in snake_case, with `_service` added
// when that name is taken.
std::string package_name(const ir::Module& module, const Options& options) {
  const std::string& option = options.string("package");
  if (!option.empty()) {
    if (!usable_package(option)) {
      throw BackendLimitation(fmt::format("option `package` must name a Python package (an identifier that is not a keyword "
                                          "or a module the project imports), not `{}`", option));
    }
    return option;
  }
  std::string name = mangle(to_snake_case(module.header.name), Target::Python, NameKind::Value);
  if (name.empty() || name == "unnamed_") name = "blueprint";
  if (!usable_package(name)) name = (name.back() == '_' ? name : name + "_") + "service";
  return name;
}

// The project's naming, made once per build by whichever task asks first.
const PyContext& python_context(const ir::Module& module, const Options& options, SharedArtifacts& shared) {
  std::string package = package_name(module, options);
  const std::string key = "python:context:" + package;
  return shared.get<PyContext>(key, [&] { return PyContext(service::ServiceModel::of(module, shared), std::move(package)); });
}

// Files emitted beside `emit` (by shared_work), which copies them in: the API modules, the tables
// and the tests are more than half of the project's emission, so a build keeps two cores busy to
// its end. With the groups of tests that had to be skipped.
struct EmittedFiles {
  OutputDirectory files;
  std::vector<service::SkippedTests> skipped_tests;
};

enum class Part : std::uint8_t { Apis, Tables, Tests };

std::string_view part_name(Part part) {
  switch (part) {
    case Part::Apis: return "apis";
    case Part::Tables: return "tables";
    case Part::Tests: return "tests";
  }
  return "";
}

const EmittedFiles& emitted(const ir::Module& module, const Options& options, SharedArtifacts& shared, Part part) {
  const PyContext& ctx = python_context(module, options, shared);
  const std::string key = fmt::format("python:{}:{}", part_name(part), ctx.package());
  return shared.get<EmittedFiles>(key, [&ctx, &shared, part] {
    EmittedFiles emitted;
    emitted.files.set_interrupt(shared.interrupt());  // a cancelled build stops here too
    switch (part) {
      case Part::Apis:
        emit_apis(ctx, emitted.files);
        break;
      case Part::Tables:
        emit_tables(ctx, emitted.files);
        break;
      case Part::Tests: {
        const service::Samples samples(ctx.service());
        const service::TestPlan plan(ctx.service(), samples);
        emit_tests(ctx, plan, samples, emitted.files);
        emitted.skipped_tests = plan.skipped();
        break;
      }
    }
    return emitted;
  });
}

void add_copies(const OutputDirectory& files, OutputDirectory& out) {
  for (const auto& [path, file] : files) out.add(path, file.contents, FileOptions{file.kind, file.user_code});
}

}  // namespace

std::vector<OptionSpec> PythonBackend::options() const {
  return {
      {"package", OptionType::String, {}, std::string(), "The import package (default: the blueprint's name in snake_case)"},
      {"port", OptionType::Int, {}, std::int64_t{8000}, "The port `python -m PACKAGE` listens on unless PORT is set"},
  };
}

void PythonBackend::emit(const ir::Module& module, const Options& options, OutputDirectory& out, DiagnosticEngine& /*diagnostics*/,
                         SharedArtifacts& shared) const {
  const PyContext& ctx = python_context(module, options, shared);
  emit_model(ctx, out);
  emit_workflows(ctx, out);
  add_copies(emitted(module, options, shared, Part::Tables).files, out);
  add_copies(emitted(module, options, shared, Part::Apis).files, out);
  const EmittedFiles& tests = emitted(module, options, shared, Part::Tests);
  add_copies(tests.files, out);
  const std::vector<service::SkippedTests>& skipped = tests.skipped_tests;
  if (!skipped.empty()) {
    out.report(fmt::format("tests: {} group{} skipped, with the reasons in README.md", skipped.size(), skipped.size() == 1 ? "" : "s"));
  }
  // The OpenAPI documents the service serves, the ones the openapi backend writes (built once per
  // build), one line of ASCII-only JSON each.
  emit_project(ctx, options, openapi::compact_openapi_documents(module, shared), skipped, out);
}

std::optional<ContainerProject> PythonBackend::container(const ir::Module& module, const Options& options) const {
  return python_container(module, options);
}

std::vector<std::function<void()>> PythonBackend::shared_work(const ir::Module& module, const Options& options,
                                                              SharedArtifacts& shared) const {
  return {[&module, &shared] { (void)openapi::compact_openapi_documents(module, shared); },
          [&module, &options, &shared] { (void)emitted(module, options, shared, Part::Tests); },
          [&module, &options, &shared] { (void)emitted(module, options, shared, Part::Apis); },
          [&module, &options, &shared] { (void)emitted(module, options, shared, Part::Tables); }};
}

}  // namespace bpc::backends::python
