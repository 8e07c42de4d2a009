#include "driver/build.h"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "base/suggest.h"

namespace bpc::driver {

namespace {

// The targets to build, in a fixed order: the request's, or the blueprint's. Reports what
// cannot be built; sets `usage_error` when a requested target cannot be.
std::vector<std::string> select_targets(const ir::Module& module, const backends::BackendRegistry& registry,
                                        const std::vector<std::string>& requested, std::span<const FileId> files,
                                        DiagnosticEngine& diagnostics, bool& usage_error) {
  std::vector<std::string> selected;
  const auto select = [&](std::string name) {
    if (std::find(selected.begin(), selected.end(), name) == selected.end()) selected.push_back(std::move(name));
  };
  const std::vector<std::string_view> available = registry.names();
  if (requested.empty()) {
    for (const ir::Target& target : module.targets) {
      if (registry.find(target.name) != nullptr) {
        select(target.name);
      } else {
        (void)diagnostics.report<DiagnosticKind::TargetSkipped>(backends::span_of(target.location, files), target.name);
      }
    }
    if (selected.empty()) {
      (void)diagnostics.report<DiagnosticKind::NothingToBuild>(SourceSpan{}).note("name targets with --target NAME");
    }
    return selected;
  }
  for (const std::string& name : requested) {
    if (name == "all") {
      for (std::string_view backend : available) select(std::string(backend));
    } else if (registry.find(name) != nullptr) {
      select(name);
    } else if (registry.is_planned(name)) {
      (void)diagnostics.report<DiagnosticKind::TargetNotAvailable>(SourceSpan{}, name)
          .note(fmt::format("available: {}", fmt::join(available, ", ")));
      usage_error = true;
    } else {
      auto builder = diagnostics.report<DiagnosticKind::UnknownTarget>(SourceSpan{}, name);
      if (const auto suggestion = closest_match(name, available)) {
        builder.note(fmt::format("did you mean `{}`?", *suggestion));
      }
      builder.note(fmt::format("available: {}, or `all`", fmt::join(available, ", ")));
      usage_error = true;
    }
  }
  return selected;
}

// Writer problems as diagnostics, after the target's own.
void report_summary(const std::string& target, const backends::WriteSummary& summary, DiagnosticEngine& diagnostics) {
  for (const backends::Conflict& conflict : summary.conflicts) {
    auto builder = diagnostics.report<DiagnosticKind::OutputConflict>(SourceSpan{}, target, conflict.path, conflict.message);
    if (conflict.kind != backends::ConflictKind::NotGenerated) {
      builder.note("--force overwrites generated files edited outside their user-code regions");
    }
  }
  for (const backends::WriteError& error : summary.errors) {
    (void)diagnostics.report<DiagnosticKind::CannotWriteOutput>(SourceSpan{}, target,
                             error.path.empty() ? "the output directory" : error.path, error.message);
  }
}

// One target's task: its own diagnostics, reported back in target order.
struct TargetTask {
  const backends::Backend* backend;
  backends::Options options;
  SourceSpan where;
  DiagnosticEngine diagnostics;
  TargetResult result;
};

}  // namespace

bool BuildResult::ok() const {
  if (usage_error) return false;
  return std::all_of(targets.begin(), targets.end(), [](const TargetResult& t) { return t.succeeded; });
}

BuildResult build(const Compilation& compilation, const backends::BackendRegistry& registry,
                  const BuildRequest& request, Executor& executor, DiagnosticEngine& diagnostics) {
  BuildResult result;
  const ir::Module& module = *compilation.module;
  const std::vector<FileId> files = compilation.module_files();
  const std::vector<std::string> selected =
      select_targets(module, registry, request.targets, files, diagnostics, result.usage_error);
  if (result.usage_error) return result;

  std::vector<std::unique_ptr<TargetTask>> tasks;
  for (const std::string& name : selected) {
    const backends::Backend& backend = *registry.find(name);
    const auto declared = std::find_if(module.targets.begin(), module.targets.end(),
                                       [&](const ir::Target& t) { return t.name == name; });
    const ir::Target* target = declared == module.targets.end() ? nullptr : &*declared;
    auto task = std::make_unique<TargetTask>();
    task->result.name = name;
    std::optional<backends::Options> options = backends::resolve_options(backend, target, files, task->diagnostics);
    if (options) {
      task->backend = &backend;
      task->options = std::move(*options);
      task->result.container = backend.container(module, task->options);
      task->where = target != nullptr ? backends::span_of(target->location, files) : SourceSpan{};
    } else {
      task->backend = nullptr;  // reported; nothing to run
    }
    tasks.push_back(std::move(task));
  }

  const Interrupt interrupt(request.cancellation, std::nullopt);
  backends::SharedArtifacts own_shared;
  backends::SharedArtifacts& shared = request.shared != nullptr ? *request.shared : own_shared;
  shared.set_interrupt(&interrupt);
  std::vector<std::function<void()>> work;
  // What the backends will share, first, each as a task of its own: run beside the emits, it is
  // ready (or being made) when they ask. A failure is kept in the artifact for the emit that asks.
  for (const std::unique_ptr<TargetTask>& task : tasks) {
    if (task->backend == nullptr) continue;
    for (std::function<void()>& prepare : task->backend->shared_work(module, task->options, shared)) {
      work.emplace_back([&interrupt, prepare = std::move(prepare)] {
        try {
          interrupt.poll();
          prepare();
        } catch (...) {  // NOLINT(bugprone-empty-catch): reported by the emit that asks
        }
      });
    }
  }
  for (std::size_t position = 0; position < tasks.size(); ++position) {
    TargetTask& task = *tasks[position];
    if (task.backend == nullptr) continue;
    work.emplace_back([&, position] {
      TargetResult& target = task.result;
      const auto step = [&](std::string_view what) {
        if (request.on_step) request.on_step(position, target.name, what);
      };
      try {
        interrupt.poll();
        step("emitting");
        target.output.set_interrupt(&interrupt);
        if (!backends::run_backend(*task.backend, module, task.options, target.output, task.diagnostics, task.where,
                                   &shared)) {
          return;
        }
        if (task.backend->keeps_relational_schema()) {
          for (const MigrationFile& file : request.migrations) {
            target.output.add(file.path, file.contents, backends::FileOptions{.kind = backends::FileKind::Scaffold});
          }
        }
        if (request.output_root) {
          interrupt.poll();
          step(request.write_options.dry_run ? "comparing" : "writing");
          target.summary = backends::write_output(target.output, *request.output_root / target.name,
                                                  request.write_options);
          target.succeeded = target.summary->ok();
        } else {
          target.succeeded = true;
        }
      } catch (const Interrupted&) {
        (void)task.diagnostics.report<DiagnosticKind::CompilationCancelled>(task.where);
      } catch (const std::exception& error) {
        // The writer never throws for I/O; anything else is a bug, attributed to the target.
        (void)task.diagnostics.report<DiagnosticKind::BackendFailed>(task.where, target.name, error.what());
      }
    });
  }
  executor.run_all(work);
  shared.set_interrupt(nullptr);  // the interrupt ends with this call; the caller's artifacts may not

  for (const std::unique_ptr<TargetTask>& task : tasks) {
    diagnostics.absorb(std::move(task->diagnostics));
    if (task->result.summary) report_summary(task->result.name, *task->result.summary, diagnostics);
    result.targets.push_back(std::move(task->result));
  }
  return result;
}

}  // namespace bpc::driver
