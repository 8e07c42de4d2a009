// check-routes: within one API, no two operations may answer the same method and path. Paths
// are compared with their placeholders' names erased (`/a/{id}` and `/a/{key}` collide). No
// operation may take a route every generated service answers itself: GET /health and
// GET /openapi.json.
//
// Operations go into a flat hash table keyed by a hash of their route and are compared exactly
// only when hashes match: no string is built and no node allocated per operation, so checking
// stays linear for APIs of hundreds of thousands of operations.

#include <string_view>

#include "ir/index_hash_table.h"
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

// What every generated service serves at its root, beside the blueprint's operations.
constexpr std::string_view kBuiltInRoutes[] = {"/health", "/openapi.json"};

// The built-in route the operation is bound to, or "" (compared in place: no string is built
// per operation).
std::string_view built_in_route(const ir::Api& api, const ir::Operation& operation) {
  if (operation.method != ir::HttpMethod::Get) return {};
  const std::string_view base = api.base_path == "/" ? std::string_view() : std::string_view(api.base_path);
  for (const std::string_view route : kBuiltInRoutes) {
    if (route.size() == base.size() + operation.path.size() && route.starts_with(base) &&
        route.substr(base.size()) == operation.path) {
      return route;
    }
  }
  return {};
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
      // The operations seen so far, by the hash of their route; the first to take a route keeps it.
      ir::IndexHashTable routes;
      routes.reserve(api.operations.size());
      for (const ir::OperationId id : api.operations) {
        const ir::Operation& operation = module.operations[id.index];
        if (const std::string_view built_in = built_in_route(api, operation); !built_in.empty()) {
          (void)context.diagnostics
              .report<DiagnosticKind::ReservedRoute>(context.span(operation.location), "GET", built_in)
              .note("every generated service answers GET /health (its health check) and GET /openapi.json "
                    "(its OpenAPI document); give the operation another path, or the API another base path");
        }
        const std::uint32_t hash = ir::mix_hash(route_hash(operation));
        const std::uint32_t first_index = routes.find(
            hash, [&](std::uint32_t other) { return same_route(module.operations[other], operation); });
        if (first_index == ir::IndexHashTable::kNone) {
          routes.insert(hash, id.index);
          continue;
        }
        const ir::Operation& first = module.operations[first_index];
        (void)context.diagnostics
            .report<DiagnosticKind::DuplicateRoute>(context.span(operation.location),
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
