#include "service/text_compiler.h"

#include <sstream>

#include "backends/backend.h"
#include "driver/build.h"
#include "driver/compilation.h"
#include "driver/executor.h"
#include "driver/migrate.h"
#include "driver/program_loader.h"
#include "frontend/diagnostics/render.h"
#include "frontend/format/formatter.h"
#include "frontend/frontend.h"
#include "ir/json.h"
#include "passes/diff/diff_report.h"
#include "passes/diff/semantic_diff.h"

namespace bpc::service {

namespace {

std::string diagnostics_json(const SourceManager& sources, const DiagnosticEngine& diagnostics) {
  std::ostringstream out;
  render_diagnostics(out, sources, diagnostics, RenderOptions{.format = DiagnosticFormat::Json});
  return std::move(out).str();
}

driver::Compilation compile_text(std::string_view file_name, std::string_view source, const driver::Budgets& budgets,
                                 driver::Phase phase, SourceManager sources = {}) {
  driver::MemoryFileSystem files;
  files.add("/" + std::string(file_name), std::string(source));
  driver::CompileOptions options;
  // Relative to the file system's root, so diagnostics name the file as `orders.bpl`.
  options.inputs = {std::string(file_name)};
  options.import_roots = {"/"};
  options.budgets = budgets;
  options.stop_after = phase;
  // Only generation needs what backends read; checking is the same without it.
  options.operation_parameters = false;
  return driver::compile(files, options, nullptr, std::move(sources));
}

}  // namespace

driver::Budgets service_budgets(std::uint64_t max_source_bytes, std::chrono::milliseconds time_limit) {
  driver::Budgets budgets;
  budgets.max_file_bytes = max_source_bytes;
  budgets.max_total_bytes = max_source_bytes;
  budgets.max_files = 1;
  budgets.max_declarations = 200'000;
  budgets.time_limit = time_limit;
  return budgets;
}

CheckResult check_text(std::string_view file_name, std::string_view source, const driver::Budgets& budgets) {
  const driver::Compilation compilation = compile_text(file_name, source, budgets, driver::Phase::Pipeline);
  return CheckResult{static_cast<std::int64_t>(compilation.diagnostics.error_count()),
                     static_cast<std::int64_t>(compilation.diagnostics.warning_count()),
                     diagnostics_json(compilation.sources, compilation.diagnostics)};
}

FormatResult format_text(std::string_view file_name, std::string_view source, const driver::Budgets& budgets) {
  driver::MemoryFileSystem files;
  files.add("/" + std::string(file_name), std::string(source));
  const std::string path(file_name);
  SourceManager sources;
  DiagnosticEngine diagnostics;
  FormatResult result;
  if (const auto file = driver::read_source(files, path, budgets.max_file_bytes, sources, diagnostics)) {
    const ParsedFile parsed = parse_file(sources, *file, diagnostics);
    if (!diagnostics.has_errors()) {
      result.ok = true;
      result.formatted = format_tree(*parsed.tree);
    }
  }
  result.diagnostics = diagnostics_json(sources, diagnostics);
  return result;
}

IrResult lower_text(std::string_view file_name, std::string_view source, const driver::Budgets& budgets) {
  const driver::Compilation compilation = compile_text(file_name, source, budgets, driver::Phase::Check);
  IrResult result;
  result.ok = compilation.module.has_value() && !compilation.diagnostics.has_errors();
  if (result.ok) result.module = ir::module_to_json(*compilation.module);
  result.diagnostics = diagnostics_json(compilation.sources, compilation.diagnostics);
  return result;
}

DiffResult diff_texts(std::string_view file_name, std::string_view before_text, std::string_view after_text,
                      const driver::Budgets& budgets) {
  driver::Compilation before = compile_text(file_name, before_text, budgets, driver::Phase::Check);
  driver::Compilation after = compile_text(file_name, after_text, budgets, driver::Phase::Check, before.sources);
  DiffResult result;
  if (before.diagnostics.has_errors() || after.diagnostics.has_errors() || !before.module || !after.module) {
    DiagnosticEngine diagnostics;
    diagnostics.absorb(std::move(before.diagnostics));
    diagnostics.absorb(std::move(after.diagnostics));
    result.diagnostics = diagnostics_json(after.sources, diagnostics);
    return result;
  }
  const std::vector<diff::Change> changes = diff::diff_modules(*before.module, *after.module);
  const SourceManager& sources = after.sources;
  const diff::Locator locate = [&](bool is_new, const ir::Location& location) -> std::optional<diff::SourceRange> {
    const lowering::Program& program = is_new ? after.program : before.program;
    if (location.file >= program.files.size()) return std::nullopt;
    return diff::SourceRange{&sources.file(program.files[location.file].parsed.file), location.begin,
                             location.end};
  };
  std::ostringstream report;
  diff::print_json(report, changes, diff::Categories::all(), locate);
  result.ok = true;
  result.breaking = static_cast<std::int64_t>(diff::count_breaking(changes, diff::Categories::all()));
  result.report = std::move(report).str();
  result.diagnostics = diagnostics_json(sources, after.diagnostics);
  return result;
}

GenerationResult generate_text(const GenerationInput& input, const driver::Budgets& budgets,
                               CancellationToken cancellation,
                               const std::function<void(const std::string& target, std::string_view step)>& on_step) {
  driver::MemoryFileSystem files;
  files.add("/blueprint.bpl", std::string(input.source));
  if (input.previous_source) files.add("/previous/blueprint.bpl", std::string(*input.previous_source));
  driver::CompileOptions options;
  options.inputs = {"blueprint.bpl"};
  options.import_roots = {"/"};
  options.budgets = budgets;
  options.selected_targets = input.targets;
  options.cancellation = cancellation;
  driver::Compilation compilation = driver::compile(files, options);
  GenerationResult result;
  std::vector<driver::MigrationFile> migrations;
  bool migrated = true;
  if (compilation.ok() && input.previous_source) {
    driver::CompileOptions previous = options;
    previous.inputs = {"previous/blueprint.bpl"};
    backends::service::MigrationOptions migration;
    migration.allow_data_loss = input.allow_data_loss;
    driver::MigrationFiles made = driver::migration_files(files, previous, compilation, migration, compilation.diagnostics);
    compilation.sources = std::move(made.sources);
    migrated = made.files.has_value();
    if (made.files) migrations = std::move(*made.files);
  }
  if (compilation.ok() && migrated && !input.targets.empty()) {
    const backends::BackendRegistry registry = backends::standard_backends();
    driver::BuildRequest request;
    request.targets = input.targets;
    request.migrations = std::move(migrations);
    request.cancellation = std::move(cancellation);
    request.on_step = [&](std::size_t, const std::string& target, std::string_view step) { on_step(target, step); };
    driver::InlineExecutor executor;
    const driver::BuildResult built = driver::build(compilation, registry, request, executor, compilation.diagnostics);
    result.usage = built.usage_error;
    result.ok = built.ok() && !compilation.diagnostics.has_errors();
    if (result.ok) {
      for (const driver::TargetResult& target : built.targets) {
        for (const auto& [path, file] : target.output) result.files.push_back({target.name, path, file.contents});
      }
    }
  } else {
    result.ok = compilation.ok() && migrated;
  }
  for (const driver::PluginManifest* plugin : input.plugins) {
    if (!result.ok) break;
    on_step(plugin->id, "emitting");
    const driver::PluginRun run = driver::run_plugin(*plugin, *compilation.module, {}, input.scratch);
    if (!driver::report_plugin_run(*plugin, run, compilation.diagnostics)) {
      result.ok = false;
      break;
    }
    for (const auto& [path, file] : run.output) result.files.push_back({plugin->id, path, file.contents});
  }
  if (!result.ok) {
    for (const Diagnostic& diagnostic : compilation.diagnostics.diagnostics()) {
      if (diagnostic.severity != Severity::Error) continue;
      result.summary = std::string(info(diagnostic.kind).code) + ": " + diagnostic.message;
      break;
    }
  }
  result.diagnostics = diagnostics_json(compilation.sources, compilation.diagnostics);
  return result;
}

}  // namespace bpc::service
