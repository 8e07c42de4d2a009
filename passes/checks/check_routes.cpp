// check-routes: within one API, no two operations may answer the same method and path. Paths
// are compared with their placeholders' names erased (`/a/{id}` and `/a/{key}` collide).
//
// Operations are sorted by a hash of their route and compared exactly only within runs of equal
// hashes: no string is built and no node allocated per operation, so checking stays linear in
// practice for APIs of hundreds of thousands of operations.

#include <algorithm>

#include "passes/standard_passes.h"

namespace bpc::passes {

namespace {

// Calls `visit` with each character of the path's shape: placeholders read `{}`.
template <typename Visit>
void for_each_shape_char(std::string_view path, Visit&& visit) {
  bool in_placeholder = false;
  for (const char c : path) {
    if (c == '{') {
      in_placeholder = true;
      visit('{');
      visit('}');
    } else if (c == '}') {
      in_placeholder = false;
    } else if (!in_placeholder) {
      visit(c);
    }
  }
}

std::uint64_t route_hash(const ir::Operation& operation) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  const auto mix = [&](char c) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  };
  mix(static_cast<char>('0' + static_cast<int>(operation.method)));
  for_each_shape_char(operation.path, mix);
  return hash;
}

std::string route_shape(std::string_view path) {
  std::string shape;
  for_each_shape_char(path, [&](char c) { shape += c; });
  return shape;
}

bool same_route(const ir::Operation& a, const ir::Operation& b) {
  return a.method == b.method && route_shape(a.path) == route_shape(b.path);
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
      struct Route {
        std::uint64_t hash;
        std::uint32_t position;  // in api.operations
      };
      std::vector<Route> routes;
      routes.reserve(api.operations.size());
      for (std::uint32_t i = 0; i < api.operations.size(); ++i) {
        routes.push_back(Route{route_hash(module.operations[api.operations[i].index]), i});
      }
      std::sort(routes.begin(), routes.end(), [](const Route& a, const Route& b) {
        return a.hash != b.hash ? a.hash < b.hash : a.position < b.position;
      });
      // (the operation that repeats a route, the first operation bound to it), by position.
      std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats;
      for (std::size_t run = 0; run < routes.size();) {
        std::size_t end = run + 1;
        while (end < routes.size() && routes[end].hash == routes[run].hash) ++end;
        for (std::size_t j = run + 1; j < end; ++j) {
          const ir::Operation& operation = module.operations[api.operations[routes[j].position].index];
          for (std::size_t k = run; k < j; ++k) {
            if (same_route(module.operations[api.operations[routes[k].position].index], operation)) {
              repeats.emplace_back(routes[j].position, routes[k].position);
              break;
            }
          }
        }
        run = end;
      }
      std::sort(repeats.begin(), repeats.end());
      for (const auto& [position, first_position] : repeats) {
        const ir::Operation& operation = module.operations[api.operations[position].index];
        const ir::Operation& first = module.operations[api.operations[first_position].index];
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
