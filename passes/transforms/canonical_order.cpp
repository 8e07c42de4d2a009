// canonical-order: each API's operations in route order (path, then method), so generated
// routers, OpenAPI documents and diffs list them the same way however the blueprint is
// arranged. Declarations themselves are already in a deterministic order: the lowering numbers
// them in file order, with files sorted by path.

#include <algorithm>

#include "passes/standard_passes.h"

namespace bpc::passes {

namespace {

class CanonicalOrder final : public Pass {
 public:
  std::string_view name() const override { return "canonical-order"; }
  std::string_view description() const override { return "order each API's operations by path, then method"; }

  PreservedAnalyses run(PassContext& context) override {
    ir::Module& module = context.module;
    for (ir::Api& api : module.apis) {
      std::stable_sort(api.operations.begin(), api.operations.end(), [&](ir::OperationId a, ir::OperationId b) {
        const ir::Operation& x = module.operations[a.index];
        const ir::Operation& y = module.operations[b.index];
        return std::tie(x.path, x.method) < std::tie(y.path, y.method);
      });
    }
    return PreservedAnalyses::all();  // the same declarations and edges, in another order
  }
};

}  // namespace

std::unique_ptr<Pass> make_canonical_order() { return std::make_unique<CanonicalOrder>(); }

}  // namespace bpc::passes
