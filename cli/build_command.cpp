// `bpc build FILE... [--target NAME]... [--out DIR] [--force] [--dry-run]`: compiles the
// blueprint, then has the compilation library (driver/build.h) run each selected backend and
// write its output directory, `DIR/<target>/`, with the writer (backends/output/writer.h): only
// changed files are written, stale generated files are removed, user edits are protected.
// Targets run concurrently, one thread each (cli/thread_executor.h); diagnostics and summaries
// are printed in target order. When several targets run and stderr is a terminal, a progress
// line (cli/build_progress.h) shows what each step is; it is erased before the diagnostics and
// summaries.
//
// Targets: `--target NAME` (repeatable) or `--target all` (every built backend); without it, the
// project file's `targets` (driver/project.h), else the blueprint's `target` blocks. Without
// files it builds the project file's `sources`. The driver reports targets it cannot build as coded diagnostics.
//
// `--plugin MANIFEST` (repeatable) runs a third-party backend, sandboxed, as a target of its own
// (cli/plugin_targets.h); with no --target, only the plugins run.
//
// `--migrate-from OLD` adds the SQL migrations from the version OLD to the projects of targets
// whose services keep the relational schema (driver/migrate.h), created once.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "backends/backend.h"
#include "backends/output/writer.h"
#include "cli/build_progress.h"
#include "cli/build_summary.h"
#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_codes.h"
#include "cli/exit_without_teardown.h"
#include "cli/input_files.h"
#include "cli/plugin_targets.h"
#include "cli/rename_hints.h"
#include "cli/thread_executor.h"
#include "cli/write_flags.h"
#include "driver/build.h"
#include "driver/compilation.h"
#include "driver/migrate.h"

namespace bpc::cli {

CommandRunner add_build_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::vector<std::string> targets;
    std::string out = "out";
    WriteFlags writing;
    std::string migrate_from;
    std::vector<std::string> plugins;
    std::vector<std::string> plugin_options;
    MigrationFlags migration;
    ImportOptions imports;
    ProjectOptions project;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("build", "Generate code: run the blueprint's targets' backends");
  command->add_option("files", options->files, "Blueprint files (.bpl); the files they import are read too. Default: the "
                      "project file's `sources`");
  command->add_option("-t,--target", options->targets,
                      "Backend to run (repeatable), or `all`; default: the project file's `targets`, else the "
                      "blueprint's `target` blocks")
      ->allow_extra_args(false);
  CLI::Option* out_given = command->add_option("-o,--out", options->out,
                                               "Output root; each target goes to OUT/<target>/ (default: the project "
                                               "file's `out`, else `out`)");
  options->writing.add_to(*command);
  command->add_option("--migrate-from", options->migrate_from,
                      "The blueprint version the deployed databases were made for: add the SQL migration from it "
                      "(migrations/<dialect>/v<version>.sql) to the projects of targets with relational stores");
  command->add_option("--plugin", options->plugins,
                      "A plugin's manifest (plugin.json, docs/plugins.md): run it, sandboxed, as a target of its own "
                      "(OUT/<its id>/); repeatable. Alone, without --target, only the plugins run");
  command->add_option("--plugin-option", options->plugin_options, "KEY=VALUE passed to every plugin (repeatable)");
  options->migration.add_to(*command);
  options->imports.add_to(*command);
  options->project.add_to(*command);
  options->diagnostics.add_to(*command);
  return [options, out_given] {
    const driver::DiskFileSystem disk;
    ProjectSetup setup = options->project.load(disk, options->files);
    if (const std::optional<int> refused = setup.refusal("build", options->diagnostics)) return *refused;
    // Plugins are read first: a manifest's problems stop the build before anything is written.
    std::vector<driver::PluginManifest> plugins;
    std::map<std::string, std::string> plugin_options;
    if (const std::optional<int> refused = read_plugins(options->plugins, options->plugin_options, options->diagnostics,
                                                        plugins, plugin_options)) {
      return *refused;
    }
    const bool plugins_only = !plugins.empty() && options->targets.empty();
    const driver::CompileOptions compile_options = setup.compile_options(options->imports, options->targets);
    const std::vector<std::string>& targets = compile_options.selected_targets;
    if (out_given->count() == 0 && setup.project && setup.project->out) options->out = *setup.project->out;
    driver::Compilation compilation = setup.compile(disk, compile_options);
    DiagnosticEngine& diagnostics = compilation.diagnostics;
    if (!compilation.ok()) {
      options->diagnostics.print(compilation.sources, diagnostics);
      return exit_code_for_failure(diagnostics);
    }
    std::vector<driver::MigrationFile> migrations;
    if (!options->migrate_from.empty()) {
      driver::MigrationFiles files = driver::migration_files(disk, setup.compile_options(options->imports, targets, std::vector{options->migrate_from}),
                                                             compilation, options->migration.options(), diagnostics);
      if (!files.files) {
        options->diagnostics.print(files.sources, diagnostics);
        return exit_code_for_failure(diagnostics);
      }
      migrations = std::move(*files.files);
    }
    const backends::BackendRegistry registry = backends::standard_backends();
    const std::filesystem::path out(options->out);

    // The progress line follows the steps the targets' tasks report, from their threads.
    const bool all = std::find(targets.begin(), targets.end(), "all") != targets.end();
    const std::size_t planned = all              ? registry.size()
                                : targets.empty() ? compilation.module->targets.size()
                                                  : targets.size();
    BuildProgress progress(BuildProgress::wanted(planned, options->diagnostics), planned);
    std::mutex progress_mutex;
    driver::BuildRequest request;
    request.targets = targets;
    request.output_root = out;
    request.migrations = std::move(migrations);
    request.write_options = options->writing.options();
    request.on_step = [&](std::size_t position, const std::string& target, std::string_view step) {
      const std::lock_guard lock(progress_mutex);
      progress.show(position + 1, target, step);
    };
    backends::SharedArtifacts shared;  // left to the end of the process, as everything here
    request.shared = &shared;
    ThreadExecutor executor;
    driver::BuildResult result;
    if (!plugins_only) result = driver::build(compilation, registry, request, executor, diagnostics);
    progress.clear();
    for (const driver::PluginManifest& plugin : plugins) {
      if (std::find_if(result.targets.begin(), result.targets.end(),
                       [&](const driver::TargetResult& target) { return target.name == plugin.id; }) != result.targets.end()) {
        (void)diagnostics.report<DiagnosticKind::InvalidPluginManifest>(SourceSpan{}, plugin.id, "its id is also a target of this build");
        continue;
      }
      result.targets.push_back(run_plugin_target(plugin, *compilation.module, plugin_options, out, request.write_options,
                                                 diagnostics));
    }
    options->diagnostics.print(compilation.sources, diagnostics);
    if (result.usage_error) exit_without_teardown(kExitUsage);
    bool io_error = false;
    for (const driver::TargetResult& target : result.targets) {
      if (!target.summary) continue;
      if (!target.summary->errors.empty()) io_error = true;
      print_build_summary(options->diagnostics.format == "text" ? std::cout : std::cerr, target.name, out / target.name,
                    *target.summary, target.output.reports());
    }
    // The compilation, the generated files and the shared artifacts are left to the operating
    // system: freeing them node by node is a tenth of a large build.
    if (io_error) exit_without_teardown(kExitUsage);
    exit_without_teardown(!result.ok() || diagnostics.has_errors() ? kExitErrors : kExitClean);
  };
}

}  // namespace bpc::cli
