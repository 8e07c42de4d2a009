// check-routes: within one API, no two operations may answer the same method and path. Paths
// are compared with their placeholders' names erased (`/a/{id}` and `/a/{key}` collide).

#include <unordered_map>

#include "passes/standard_passes.h"

namespace bpc::passes {

namespace {

std::string route_shape(std::string_view path) {
  std::string shape;
  bool in_placeholder = false;
  for (const char c : path) {
    if (c == '{') {
      in_placeholder = true;
      shape += "{}";
    } else if (c == '}') {
      in_placeholder = false;
    } else if (!in_placeholder) {
      shape += c;
    }
  }
  return shape;
}

class CheckRoutes final : public Pass {
 public:
  std::string_view name() const override { return "check-routes"; }
  std::string_view description() const override {
    return "report operations of one API bound to the same method and path";
  }

  PreservedAnalyses run(PassContext& context) override {
    const ir::Module& module = context.module;
    for (const ir::Api& api : module.apis) {
      // Keyed by the method's letter and the path's shape: "G/patients/{}".
      std::unordered_map<std::string, ir::OperationId> routes;
      routes.reserve(api.operations.size());
      for (ir::OperationId id : api.operations) {
        const ir::Operation& operation = module.operations[id.index];
        std::string key = route_shape(operation.path);
        key.insert(key.begin(), static_cast<char>('0' + static_cast<int>(operation.method)));
        const auto [it, inserted] = routes.emplace(std::move(key), id);
        if (inserted) continue;
        const ir::Operation& first = module.operations[it->second.index];
        (void)context.diagnostics
            .report(DiagnosticKind::DuplicateRoute, context.span(operation.location),
                    ir::http_method_name(operation.method), api.base_path + operation.path)
            .label(context.span(first.location), fmt::format("`{}` is bound to it here", first.name))
            .note(fmt::format("operations `{}` and `{}` of API `{}` would answer the same requests",
                              first.name, operation.name, api.name));
      }
    }
    return PreservedAnalyses::all();
  }
};

}  // namespace

std::unique_ptr<Pass> make_check_routes() { return std::make_unique<CheckRoutes>(); }

}  // namespace bpc::passes
