// `bpc compose FILE... [--target NAME]... [--out DIR] [--force] [--dry-run]`: a suite of
// blueprints deployed together. Each FILE is a blueprint of its own (with the files it imports),
// compiled and built as `bpc build` builds it, into DIR/<name>/<target>/ (<name>: the blueprint's
// container name, `clinic`); then DIR/compose.yaml runs every service those targets generate
// (typescript, python, cpp), each published on its project's port, or the next free one when
// another service of the suite has it, with one PostgreSQL server for the services that keep
// their records there, a database each (DIR/postgres-init.sql makes them). Two blueprints with
// the same container name are a usage error; when any build fails, the compose file is not
// written.

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "backends/backend.h"
#include "backends/output/writer.h"
#include "backends/support/containers.h"
#include "cli/build_summary.h"
#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_codes.h"
#include "cli/input_files.h"
#include "cli/thread_executor.h"
#include "cli/write_flags.h"
#include "driver/build.h"
#include "driver/compilation.h"

namespace bpc::cli {

CommandRunner add_compose_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::vector<std::string> targets;
    std::string out = "out";
    WriteFlags writing;
    ImportOptions imports;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "compose", "Generate a suite: build each blueprint into OUT/<name>/ and write one compose file that runs all their services");
  command->add_option("files", options->files, "Blueprint files (.bpl), each a blueprint of its own; the files they import are read too")
      ->required();
  command->add_option("-t,--target", options->targets,
                      "Backend to run for every blueprint (repeatable), or `all`; default: each blueprint's `target` blocks");
  command->add_option("-o,--out", options->out, "Output root: OUT/compose.yaml, and each blueprint's targets in OUT/<name>/<target>/")
      ->capture_default_str();
  options->writing.add_to(*command);
  options->imports.add_to(*command);
  options->diagnostics.add_to(*command);
  return [options] {
    const driver::DiskFileSystem disk;
    const backends::BackendRegistry registry = backends::standard_backends();
    const std::filesystem::path out(options->out);
    const backends::WriteOptions write_options = options->writing.options();
    std::ostream& summaries = options->diagnostics.format == "text" ? std::cout : std::cerr;
    ThreadExecutor executor;
    std::vector<backends::SuiteService> services;
    std::set<std::string> names;
    bool failed = false;
    for (const std::string& file : options->files) {
      driver::CompileOptions compile_options = options->imports.compile_options({file});
      compile_options.selected_targets = options->targets;
      driver::Compilation compilation = driver::compile(disk, compile_options);
      DiagnosticEngine& diagnostics = compilation.diagnostics;
      if (!compilation.ok()) {
        options->diagnostics.print(compilation.sources, diagnostics);
        return exit_code_for_failure(diagnostics);
      }
      const std::string name = backends::container_name(compilation.module->header.name);
      if (!names.insert(name).second) {
        std::cerr << fmt::format("bpc compose: {}: another blueprint of the suite has the name `{}`; each needs its own\n", file, name);
        return kExitUsage;
      }
      driver::BuildRequest request;
      request.targets = options->targets;
      request.output_root = out / name;
      request.write_options = write_options;
      const driver::BuildResult result = driver::build(compilation, registry, request, executor, diagnostics);
      options->diagnostics.print(compilation.sources, diagnostics);
      if (result.usage_error) return kExitUsage;
      for (const driver::TargetResult& target : result.targets) {
        if (target.summary) print_build_summary(summaries, name + "/" + target.name, out / name / target.name, *target.summary, target.output.reports());
        if (target.container) services.push_back({*target.container, name + "/" + target.name, target.container->port});
      }
      if (!result.ok() || diagnostics.has_errors()) failed = true;
    }
    if (failed) {
      std::cerr << "bpc compose: a build failed, so compose.yaml was not written\n";
      return kExitErrors;
    }
    if (services.empty()) {
      std::cerr << "bpc compose: no target generated a service (typescript, python or cpp), so there is no compose file\n";
      return kExitUsage;
    }
    std::set<std::int64_t> published;
    for (backends::SuiteService& service : services) {
      while (!published.insert(service.published_port).second) ++service.published_port;
    }
    backends::OutputDirectory suite;
    suite.add("compose.yaml", backends::suite_compose_file(services));
    if (const std::string init = backends::suite_postgres_init(services); !init.empty()) suite.add(std::string(backends::kSuitePostgresInit), init);
    const backends::WriteSummary summary = backends::write_output(suite, out, write_options);
    print_build_summary(summaries, "compose", out, summary, {});
    for (const backends::Conflict& conflict : summary.conflicts) std::cerr << fmt::format("bpc compose: {}: {}\n", conflict.path, conflict.message);
    for (const backends::WriteError& error : summary.errors) std::cerr << fmt::format("bpc compose: {}: {}\n", error.path, error.message);
    if (!summary.errors.empty()) return kExitUsage;
    return summary.ok() ? kExitClean : kExitErrors;
  };
}

}  // namespace bpc::cli
