// canonical-order and check-routes on APIs whose paths defeat the passes' shortcuts: paths that
// share their first 24 bytes, paths that are prefixes of others, paths with NUL bytes, and
// hash-sorted duplicate detection across many operations.

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "passes/standard_passes.h"

namespace bpc::passes {
namespace {

ir::Module module_with_routes(const std::vector<std::pair<ir::HttpMethod, std::string>>& routes) {
  ir::Module module;
  module.files.push_back("t.bpl");
  ir::Api api;
  api.name = "Api";
  api.base_path = "/";
  for (std::size_t i = 0; i < routes.size(); ++i) {
    ir::Operation operation;
    operation.name = "op" + std::to_string(i);
    operation.method = routes[i].first;
    operation.path = routes[i].second;
    operation.api = ir::ApiId{0};
    operation.location = ir::Location{0, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1)};
    api.operations.push_back(ir::OperationId{static_cast<std::uint32_t>(i)});
    module.operations.push_back(std::move(operation));
  }
  module.apis.push_back(std::move(api));
  return module;
}

PassManager only(std::unique_ptr<Pass> pass) {
  PassManager manager;
  manager.add(std::move(pass));
  return manager;
}

TEST(CanonicalOrder, OrdersByPathBytesThenMethodThenDeclaration) {
  using M = ir::HttpMethod;
  const std::string long_a = "/a-very-long-collection-name/{id}/confirm";  // 24 bytes shared with long_b
  const std::string long_b = "/a-very-long-collection-name/{id}";
  const std::string with_nul = std::string("/x") + '\0';
  std::vector<std::pair<M, std::string>> routes = {
      {M::Post, long_a}, {M::Get, long_b}, {M::Delete, long_b}, {M::Get, "/x"}, {M::Get, with_nul},
      {M::Get, "/b"},    {M::Post, "/b"},  {M::Get, "/b"},      {M::Get, "/"},  {M::Patch, long_b + "/"}};
  ir::Module module = module_with_routes(routes);
  DiagnosticEngine diagnostics;
  ASSERT_TRUE(only(make_canonical_order()).run(module, {}, diagnostics, Instrumentation{}));

  // The expected order: std::string comparison of paths, then the method, then declaration order.
  std::vector<std::uint32_t> expected(routes.size());
  for (std::uint32_t i = 0; i < expected.size(); ++i) expected[i] = i;
  std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(routes[a].second, routes[a].first) < std::tie(routes[b].second, routes[b].first);
  });
  std::vector<std::uint32_t> actual;
  for (ir::OperationId id : module.apis[0].operations) actual.push_back(id.index);
  EXPECT_EQ(actual, expected);
}

TEST(CheckRoutes, ReportsEveryRepeatAgainstTheFirstInDeclarationOrder) {
  using M = ir::HttpMethod;
  std::vector<std::pair<M, std::string>> routes;
  for (int i = 0; i < 500; ++i) routes.emplace_back(M::Get, "/items-" + std::to_string(i) + "/{id}");
  routes.emplace_back(M::Get, "/items-7/{key}");   // the same route as operation 7
  routes.emplace_back(M::Post, "/items-7/{id}");   // another method: not a repeat
  routes.emplace_back(M::Get, "/items-7/{other}");  // again operation 7's route
  routes.emplace_back(M::Get, "/items-7");         // another path
  ir::Module module = module_with_routes(routes);
  DiagnosticEngine diagnostics;
  (void)only(make_check_routes()).run(module, {}, diagnostics, Instrumentation{});
  ASSERT_EQ(diagnostics.error_count(), 2u);
  std::vector<std::string> notes;
  for (const Diagnostic& diagnostic : diagnostics.diagnostics()) notes.push_back(diagnostic.notes.at(0));
  EXPECT_THAT(notes, ::testing::ElementsAre(
                         "operations `op7` and `op500` of API `Api` would answer the same requests",
                         "operations `op7` and `op502` of API `Api` would answer the same requests"));
}

}  // namespace
}  // namespace bpc::passes
