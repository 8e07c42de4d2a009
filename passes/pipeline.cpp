#include "passes/standard_passes.h"

namespace bpc::passes {

PassManager standard_pipeline(const PipelineOptions& options) {
  PassManager manager;
  manager.add(make_desugar_resources(options.operation_parameters));
  manager.add(make_fold_constants());
  manager.add(make_check_routes());
  manager.add(make_canonical_order());
  if (options.eliminate_dead) manager.add(make_eliminate_dead());
  return manager;
}

std::vector<std::string> standard_pass_names() {
  std::vector<std::string> names;
  const PassManager pipeline = standard_pipeline(PipelineOptions{.eliminate_dead = true});
  for (const auto& pass : pipeline.passes()) names.emplace_back(pass->name());
  return names;
}

}  // namespace bpc::passes
