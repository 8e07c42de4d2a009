// SharedArtifacts: one computation per key, whatever thread asks first; the others wait for it,
// get the same object, and see its exception.
#include "backends/shared_artifacts.h"

#include <atomic>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace bpc::backends {
namespace {

TEST(SharedArtifacts, ComputesEachKeyOnceAcrossThreads) {
  SharedArtifacts shared;
  std::atomic<int> made{0};
  const auto make = [&] {
    ++made;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let the other threads ask meanwhile
    return std::string("documents");
  };
  std::vector<std::future<const std::string*>> askers;
  for (int i = 0; i < 4; ++i) {
    askers.push_back(std::async(std::launch::async, [&] { return &shared.get<std::string>("openapi", make); }));
  }
  std::vector<const std::string*> results;
  for (auto& asker : askers) results.push_back(asker.get());
  EXPECT_EQ(made.load(), 1);
  for (const std::string* result : results) EXPECT_EQ(result, results.front());
  EXPECT_EQ(*results.front(), "documents");
  EXPECT_EQ(shared.get<int>("other", [] { return 7; }), 7);
  EXPECT_EQ(made.load(), 1);
}

TEST(SharedArtifacts, EveryAskerSeesTheFailure) {
  SharedArtifacts shared;
  int made = 0;
  const auto fail = [&]() -> int {
    ++made;
    throw std::runtime_error("cannot build");
  };
  EXPECT_THROW(shared.get<int>("broken", fail), std::runtime_error);
  EXPECT_THROW(shared.get<int>("broken", fail), std::runtime_error);
  EXPECT_EQ(made, 1);
}

TEST(SharedArtifacts, RefusesAKeyAskedForWithAnotherType) {
  SharedArtifacts shared;
  EXPECT_EQ(shared.get<int>("key", [] { return 1; }), 1);
  EXPECT_THROW(shared.get<std::string>("key", [] { return std::string("x"); }), std::logic_error);
}

}  // namespace
}  // namespace bpc::backends
