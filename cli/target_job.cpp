#include "cli/target_job.h"

#include <utility>

namespace bpc::cli {

TargetJob::TargetJob(const backends::Backend& backend, const ir::Module& module, backends::Options options,
                     SourceSpan where, backends::SharedArtifacts& shared, std::filesystem::path root,
                     backends::WriteOptions write_options)
    : root_(std::move(root)), write_options_(write_options), emitted_future_(emitted_signal_.get_future()) {
  thread_ = std::async(std::launch::async, [this, &backend, &module, options = std::move(options), where, &shared] {
    run(backend, module, options, where, shared);
  });
}

TargetJob::~TargetJob() {
  if (thread_.valid()) thread_.wait();
}

void TargetJob::run(const backends::Backend& backend, const ir::Module& module, const backends::Options& options,
                    SourceSpan where, backends::SharedArtifacts& shared) {
  emitted_ = backends::run_backend(backend, module, options, out_, diagnostics_, where, &shared);
  emitted_signal_.set_value();
  if (emitted_) summary_ = backends::write_output(out_, root_, write_options_);
}

bool TargetJob::wait_emitted(DiagnosticEngine& diagnostics) {
  emitted_future_.wait();
  diagnostics.absorb(std::move(diagnostics_));
  return emitted_;
}

std::optional<backends::WriteSummary> TargetJob::wait_written() {
  thread_.get();
  return std::move(summary_);
}

}  // namespace bpc::cli
