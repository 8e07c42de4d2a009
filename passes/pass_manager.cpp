#include "passes/pass_manager.h"

#include <fmt/format.h>

#include "ir/verifier.h"

namespace bpc::passes {

void AnalysisManager::invalidate(const PreservedAnalyses& preserved) {
  if (preserved.preserves_all()) return;
  for (auto it = results_.begin(); it != results_.end();) {
    it = preserved.preserves(it->first) ? std::next(it) : results_.erase(it);
  }
}

bool PassManager::run(ir::Module& module, const std::vector<FileId>& files,
                      DiagnosticEngine& diagnostics, const Instrumentation& instrumentation) {
  AnalysisManager analyses(module);
  PassContext context{module, analyses, diagnostics, files};
  using Clock = std::chrono::steady_clock;
  std::vector<std::pair<std::string_view, double>> timings;
  bool completed = true;
  // An invalid module is a bug in bpc, not in the blueprint: it is reported as one (BP9002), and
  // the pipeline stops.
  const auto verified = [&](std::string_view when) {
    if (!instrumentation.verify_each) return true;
    const std::vector<std::string> problems = ir::verify(module);
    if (problems.empty()) return true;
    auto builder = diagnostics.report<DiagnosticKind::InvalidIr>(SourceSpan{}, when, problems.front());
    for (std::size_t i = 1; i < problems.size(); ++i) builder.note(problems[i]);
    return false;
  };
  if (!verified("before the first pass")) return false;
  for (const auto& pass : passes_) {
    const std::string_view name = pass->name();
    const auto print = [&](std::string_view when) {
      if (instrumentation.out == nullptr || !instrumentation.printer) return;
      *instrumentation.out << fmt::format("// *** IR dump {} {} ***\n", when, name);
      instrumentation.printer(*instrumentation.out, module);
    };
    if (instrumentation.interrupt != nullptr) instrumentation.interrupt->poll();
    if (instrumentation.print_before.count(name)) print("before");
    const std::size_t errors_before = diagnostics.error_count();
    const auto start = Clock::now();
    const PreservedAnalyses preserved = pass->run(context);
    timings.emplace_back(name, std::chrono::duration<double>(Clock::now() - start).count());
    analyses.invalidate(preserved);
    if (instrumentation.print_all || instrumentation.print_after.count(name)) print("after");
    if (!verified(fmt::format("after {}", name))) {
      completed = false;
      break;
    }
    if (name == instrumentation.stop_after) {
      completed = &pass == &passes_.back();
      break;
    }
    if (diagnostics.error_count() > errors_before) {
      completed = false;
      break;
    }
  }
  if (instrumentation.time_passes && instrumentation.timing_out != nullptr) {
    std::ostream& out = *instrumentation.timing_out;
    double total = 0;
    for (const auto& [name, seconds] : timings) total += seconds;
    out << "===-------------------------------------------===\n"
                         << "                 Pass execution timing report\n"
                         << "===-------------------------------------------===\n";
    for (const auto& [name, seconds] : timings) {
      out << fmt::format("  {:10.3f} ms  {:5.1f}%  {}\n", seconds * 1000,
                                          total > 0 ? 100 * seconds / total : 0.0, name);
    }
    out << fmt::format("  {:10.3f} ms  100.0%  total\n", total * 1000);
  }
  return completed;
}

}  // namespace bpc::passes
