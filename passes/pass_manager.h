#pragma once

// The pass manager runs a pipeline of passes over an IR module, in the style of LLVM's new pass
// manager, reduced to what bpc needs:
//
//   - A pass is a plain type with a name and a `run` that transforms the module (or only reports
//     diagnostics) and says which analyses it PRESERVED. Passes are named on the command line
//     (`--print-after=desugar-resources`), so names are stable and documented.
//   - An analysis computes a result from the module (the declaration dependency graph, say).
//     Results are cached by the AnalysisManager and handed out by type; after each pass every
//     analysis the pass did not preserve is invalidated and recomputed on next use.
//   - Instrumentation hooks (print before/after a pass, stop after a pass, time each pass) live
//     in the manager, so no pass knows about them.
//
// Nothing here is global: a pipeline and its analyses belong to one compilation.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "base/interrupt.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "ir/ir.h"

namespace bpc::passes {

// Which analyses a pass left valid.
class PreservedAnalyses {
 public:
  static PreservedAnalyses all() {
    PreservedAnalyses result;
    result.all_ = true;
    return result;
  }
  static PreservedAnalyses none() { return PreservedAnalyses(); }
  template <typename Analysis>
  PreservedAnalyses& preserve() {
    preserved_.insert(std::type_index(typeid(Analysis)));
    return *this;
  }
  bool preserves(std::type_index analysis) const { return all_ || preserved_.count(analysis) != 0; }
  bool preserves_all() const { return all_; }

 private:
  bool all_ = false;
  std::set<std::type_index> preserved_;
};

// Caches analysis results. An analysis type A has `using Result = ...;`, a static `name()`, and
// a static `Result run(const ir::Module&)`.
class AnalysisManager {
 public:
  explicit AnalysisManager(const ir::Module& module) : module_(module) {}

  template <typename Analysis>
  const typename Analysis::Result& get() {
    const std::type_index key(typeid(Analysis));
    auto it = results_.find(key);
    if (it == results_.end()) {
      auto holder = std::make_shared<typename Analysis::Result>(Analysis::run(module_));
      it = results_.emplace(key, std::static_pointer_cast<void>(holder)).first;
      ++computations_;
    }
    return *static_cast<const typename Analysis::Result*>(it->second.get());
  }

  void invalidate(const PreservedAnalyses& preserved);
  // How many analysis results were computed (for tests of the caching).
  std::size_t computations() const { return computations_; }

 private:
  const ir::Module& module_;
  std::map<std::type_index, std::shared_ptr<void>> results_;
  std::size_t computations_ = 0;
};

struct PassContext {
  ir::Module& module;
  AnalysisManager& analyses;
  DiagnosticEngine& diagnostics;
  // The source manager's FileId of each of the module's files (ir::Location::file indexes it),
  // so passes can report at source positions.
  const std::vector<FileId>& files;

  SourceSpan span(const ir::Location& location) const {
    if (location.file >= files.size()) return SourceSpan{};
    return SourceSpan{files[location.file], location.begin, location.end};
  }
};

class Pass {
 public:
  virtual ~Pass() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual PreservedAnalyses run(PassContext& context) = 0;
};

struct Instrumentation {
  std::set<std::string, std::less<>> print_before;
  std::set<std::string, std::less<>> print_after;
  std::string stop_after;  // empty: run the whole pipeline
  bool time_passes = false;
  bool print_all = false;  // --print-after-all
  bool verify_each = false;  // run the IR verifier before the first pass and after every pass
  bool eliminate_dead = false;  // add the opt-in eliminate-dead pass to the standard pipeline
  std::ostream* out = nullptr;         // where IR dumps go
  std::ostream* timing_out = nullptr;  // where the --time-passes report goes
  // How a module is printed for --print-before/--print-after.
  std::function<void(std::ostream&, const ir::Module&)> printer;
  // Polled before each pass; Interrupted propagates to the caller.
  const Interrupt* interrupt = nullptr;
};

class PassManager {
 public:
  void add(std::unique_ptr<Pass> pass) { passes_.push_back(std::move(pass)); }
  const std::vector<std::unique_ptr<Pass>>& passes() const { return passes_; }

  // Runs the pipeline. Stops after `stop_after`, or after a pass that reported errors (later
  // passes may rely on a valid module). Returns whether the whole pipeline ran.
  bool run(ir::Module& module, const std::vector<FileId>& files, DiagnosticEngine& diagnostics,
           const Instrumentation& instrumentation);

 private:
  std::vector<std::unique_ptr<Pass>> passes_;
};

// How much of the IR the standard pipeline makes.
struct PipelineOptions {
  bool eliminate_dead = false;  // the opt-in dead-declaration elimination, last
  // Whether desugared operations get their parameters (id, body, the list query...). Without them
  // an operation has its name, kind and route, every diagnostic is the same, and the module is
  // not for backends: the language server's compilations, which generate nothing, skip them.
  bool operation_parameters = true;
};

// The standard pipeline of `bpc check`, `bpc ir` and `bpc build`, in order.
PassManager standard_pipeline(const PipelineOptions& options);
// The names of the passes of the standard pipeline, for validating --print-after and friends.
std::vector<std::string> standard_pass_names();

}  // namespace bpc::passes
