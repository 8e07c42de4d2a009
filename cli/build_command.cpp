// `bpc build FILE... [--target NAME]... [--out DIR] [--force] [--dry-run]`: compiles the
// blueprint, then runs each selected backend into its own output directory, `DIR/<target>/`,
// and writes it with the writer (backends/output/writer.h): only changed files are written,
// stale generated files are removed, user edits are protected. Targets run concurrently, one
// thread each (cli/target_job.h); diagnostics and summaries are printed in target order.
// When several targets run and stderr is a terminal, a progress line (cli/build_progress.h) shows
// which one is being emitted or written; it is erased before the diagnostics and summaries.
//
// Targets: `--target NAME` (repeatable) or `--target all` (every registered backend); without
// it, the blueprint's `target` blocks. A target the language knows but whose backend is not
// available yet is skipped with a note when it comes from the blueprint, and is an error when
// asked for on the command line.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "backends/backend.h"
#include "backends/output/writer.h"
#include "cli/build_progress.h"
#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/target_job.h"
#include "cli/exit_codes.h"
#include "frontend/diagnostics/suggest.h"
#include "passes/compile.h"

namespace bpc::cli {

namespace {

// Targets the language accepts (ir/lowering/lower_product.cpp) whose backends are not built yet.
constexpr std::string_view kPlannedTargets[] = {"cpp", "openapi", "python", "typescript"};

bool is_planned(std::string_view name) {
  return std::find(std::begin(kPlannedTargets), std::end(kPlannedTargets), name) != std::end(kPlannedTargets);
}

// Summaries go to stdout, unless diagnostics in JSON or SARIF do (then to stderr, so stdout stays
// one document).
void print_summary(std::ostream& out, std::string_view target, const std::filesystem::path& root,
                   const backends::WriteSummary& summary) {
  const std::string_view verb = summary.dry_run ? "would write" : "written";
  const std::string_view removed = summary.dry_run ? "would remove" : "removed";
  out << fmt::format("{}: {} {}, {} unchanged, {} {}", target, summary.written.size(), verb,
                     summary.unchanged.size(), summary.removed.size(), removed);
  if (!summary.kept.empty()) out << fmt::format(", {} kept", summary.kept.size());
  if (!summary.conflicts.empty()) out << fmt::format(", {} conflicts", summary.conflicts.size());
  out << fmt::format(" ({})\n", root.generic_string());
  if (summary.dry_run) {
    for (const std::string& path : summary.written) out << "  write  " << path << "\n";
    for (const std::string& path : summary.removed) out << "  remove " << path << "\n";
  }
  for (const backends::Conflict& conflict : summary.overridden) {
    out << fmt::format("  overridden {}: {}\n", conflict.path, conflict.message);
  }
  for (const backends::OrphanedRegion& region : summary.orphaned) {
    out << fmt::format("  user code `{}` of {} saved to {}\n", region.key, region.path, region.saved_to);
  }
  for (const backends::Conflict& conflict : summary.conflicts) {
    std::cerr << fmt::format("error: {}: conflict in {}: {}\n", target, conflict.path, conflict.message);
  }
  if (!summary.conflicts.empty()) {
    std::cerr << fmt::format("note: {}: files left as they are; --force overwrites generated files "
                             "edited outside their user-code regions\n", target);
  }
  for (const backends::WriteError& error : summary.errors) {
    std::cerr << fmt::format("error: {}: {}{}\n", target, error.path.empty() ? "" : error.path + ": ", error.message);
  }
}

}  // namespace

CommandRunner add_build_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::vector<std::string> targets;
    std::string out = "out";
    bool force = false;
    bool dry_run = false;
    lowering::LoadOptions load;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("build", "Generate code: run the blueprint's targets' backends");
  command->add_option("files", options->files, "Blueprint files (.bpl); the files they import are read too")
      ->required();
  command->add_option("-t,--target", options->targets,
                      "Backend to run (repeatable), or `all`; default: the blueprint's `target` blocks");
  command->add_option("-o,--out", options->out, "Output root; each target goes to OUT/<target>/")
      ->capture_default_str();
  command->add_flag("--force", options->force,
                    "Overwrite or remove generated files that were edited outside their user-code regions");
  command->add_flag("--dry-run", options->dry_run, "Report what would be written or removed; change nothing");
  command->add_option("-I,--import-path", options->load.search_paths,
                      "Where to look for imported files not found beside the importing file");
  options->diagnostics.add_to(*command);
  return [options] {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    passes::CompileResult compiled =
        passes::compile(sources, options->files, options->load, passes::Instrumentation{}, diagnostics);
    if (!compiled.module || !compiled.pipeline_completed || diagnostics.has_errors()) {
      options->diagnostics.print(sources, diagnostics);
      const int code = exit_code_for(diagnostics);
      return code == kExitClean ? kExitErrors : code;
    }
    const ir::Module& module = *compiled.module;
    std::vector<FileId> files;
    for (const lowering::ProgramFile& file : compiled.program.files) files.push_back(file.parsed.file);

    const backends::BackendRegistry registry = backends::standard_backends();
    std::vector<std::string_view> registered = registry.names();

    // Select the targets, in a fixed order: the command line's, or the blueprint's.
    std::vector<std::string> selected;
    const auto select = [&](std::string name) {
      if (std::find(selected.begin(), selected.end(), name) == selected.end()) selected.push_back(std::move(name));
    };
    bool usage_error = false;
    if (options->targets.empty()) {
      for (const ir::Target& target : module.targets) {
        if (registry.find(target.name)) {
          select(target.name);
        } else {
          std::cerr << fmt::format("note: skipping target `{}`: its backend is not available yet\n", target.name);
        }
      }
    } else {
      for (const std::string& name : options->targets) {
        if (name == "all") {
          for (std::string_view backend : registered) select(std::string(backend));
        } else if (registry.find(name)) {
          select(name);
        } else if (is_planned(name)) {
          std::cerr << fmt::format("error: the `{}` backend is not available yet; available: {}\n", name,
                                   fmt::join(registered, ", "));
          usage_error = true;
        } else {
          std::cerr << fmt::format("error: unknown target `{}`", name);
          if (const auto suggestion = closest_match(name, registered)) {
            std::cerr << fmt::format("; did you mean `{}`?", *suggestion);
          }
          std::cerr << fmt::format(" (available: {}, or `all`)\n", fmt::join(registered, ", "));
          usage_error = true;
        }
      }
    }
    if (usage_error) {
      options->diagnostics.print(sources, diagnostics);
      return kExitUsage;
    }
    if (selected.empty()) {
      options->diagnostics.print(sources, diagnostics);
      std::cerr << "note: nothing to build: the blueprint declares no target with an available backend "
                   "(use --target NAME)\n";
      return kExitClean;
    }

    bool failed = false;
    bool io_error = false;
    // Every target runs at once, on its own thread (cli/target_job.h); results are taken in
    // target order.
    backends::SharedArtifacts shared;  // declared before the jobs: it outlives their threads
    std::vector<std::pair<std::size_t, std::unique_ptr<TargetJob>>> jobs;  // position in `selected`
    for (std::size_t index = 0; index < selected.size(); ++index) {
      const std::string& name = selected[index];
      const backends::Backend& backend = *registry.find(name);
      const auto declared = std::find_if(module.targets.begin(), module.targets.end(),
                                         [&](const ir::Target& t) { return t.name == name; });
      const ir::Target* target = declared == module.targets.end() ? nullptr : &*declared;
      std::optional<backends::Options> backend_options = backends::resolve_options(backend, target, files, diagnostics);
      if (!backend_options) {
        failed = true;
        continue;
      }
      const SourceSpan where = target ? backends::span_of(target->location, files) : SourceSpan{};
      jobs.emplace_back(index, std::make_unique<TargetJob>(backend, module, std::move(*backend_options), where, shared,
                                                           std::filesystem::path(options->out) / name,
                                                           backends::WriteOptions{.force = options->force, .dry_run = options->dry_run}));
    }
    std::vector<std::pair<std::string, backends::WriteSummary>> summaries;
    BuildProgress progress(BuildProgress::wanted(selected.size(), options->diagnostics), selected.size());
    for (auto& [index, job] : jobs) {
      const std::string& name = selected[index];
      progress.show(index + 1, name, "emitting");
      if (!job->wait_emitted(diagnostics)) {
        failed = true;
        (void)job->wait_written();  // nothing was written
        continue;
      }
      progress.show(index + 1, name, options->dry_run ? "comparing" : "writing");
      std::optional<backends::WriteSummary> summary = job->wait_written();
      if (!summary) continue;
      if (!summary->conflicts.empty()) failed = true;
      if (!summary->errors.empty()) io_error = true;
      summaries.emplace_back(name, std::move(*summary));
    }
    progress.clear();
    options->diagnostics.print(sources, diagnostics);
    for (const auto& [name, summary] : summaries) {
      print_summary(options->diagnostics.format == "text" ? std::cout : std::cerr, name,
                    std::filesystem::path(options->out) / name, summary);
    }
    if (io_error) return kExitUsage;
    if (failed || diagnostics.has_errors()) return kExitErrors;
    return kExitClean;
  };
}

}  // namespace bpc::cli
