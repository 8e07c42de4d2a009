#pragma once

// One target of `bpc build`, run on its own thread: the backend emits into a fresh output
// directory (with the build's SharedArtifacts) and, when that succeeded, the writer writes
// DIR/<target>/. Targets go to different directories, so several run at once; the driver waits
// for each in target order, merging its diagnostics and collecting its summary, so what it
// prints does not depend on which thread finished first.

#include <future>
#include <optional>
#include <string>

#include "backends/backend.h"
#include "backends/output/writer.h"
#include "frontend/diagnostics/diagnostic_engine.h"

namespace bpc::cli {

class TargetJob {
 public:
  // Starts the thread. `backend`, `module` and `shared` must outlive the job.
  TargetJob(const backends::Backend& backend, const ir::Module& module, backends::Options options, SourceSpan where,
            backends::SharedArtifacts& shared, std::filesystem::path root, backends::WriteOptions write_options);
  TargetJob(const TargetJob&) = delete;
  TargetJob& operator=(const TargetJob&) = delete;
  ~TargetJob();

  // Waits until the backend has run; returns whether it succeeded (no exception, no error).
  // `diagnostics` receives what it reported.
  bool wait_emitted(DiagnosticEngine& diagnostics);
  // Waits until the output is written; nullopt when the backend failed and nothing was written.
  std::optional<backends::WriteSummary> wait_written();

 private:
  void run(const backends::Backend& backend, const ir::Module& module, const backends::Options& options,
           SourceSpan where, backends::SharedArtifacts& shared);

  std::filesystem::path root_;
  backends::WriteOptions write_options_;
  backends::OutputDirectory out_;
  DiagnosticEngine diagnostics_;
  bool emitted_ = false;
  std::optional<backends::WriteSummary> summary_;
  std::promise<void> emitted_signal_;
  std::future<void> emitted_future_;
  std::future<void> thread_;
};

}  // namespace bpc::cli
