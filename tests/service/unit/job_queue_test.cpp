// The generation queue in the store (service/jobs.h): the cache, fairness between tenants, the
// concurrency and daily quotas, leases that lapse, retries, dead jobs, cancellation, isolation.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

#include "service/crypto.h"
#include "service/errors.h"
#include "service/store.h"
#include "service/timestamps.h"
#include "status_of.h"

namespace bpc::service {
namespace {

// A time `seconds` after an arbitrary start, as the store writes times.
std::string at(int seconds) {
  return format_utc(std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000 + seconds)));
}

class JobQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("bpc_jobs_test_" + random_hex(6));
    store_ = std::make_unique<Store>(Store::Options{directory_.string(), "", 2, [this] { return at(clock_); }});
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  // A tenant with one blueprint ("v1" its only version).
  struct Owner {
    std::string tenant_id;
    std::string blueprint_id;
    std::unique_ptr<TenantStore> store;
  };
  Owner owner(const std::string& name, Tier tier) {
    const Tenant tenant = store_->create_tenant(name, tier, RequestContext{});
    RequestContext context;
    context.principal.tenant_id = tenant.id;
    context.principal.key_id = "key_" + name;
    context.principal.role = Role::Owner;
    auto tenant_store = std::make_unique<TenantStore>(store_->tenant(context));
    const auto [blueprint, version] =
        tenant_store->create_blueprint("shop", NewVersion{"entity A {}\n", "", 0, 0, R"({"diagnostics":[]})"});
    return Owner{tenant.id, blueprint.id, std::move(tenant_store)};
  }

  Job enqueue(Owner& who, std::vector<std::string> targets = {"openapi"}, std::int64_t priority = 0) {
    NewJob job{who.blueprint_id, 1, std::move(targets), {}, priority, 3, "test-compiler", at(clock_ - 86'400)};
    return who.store->enqueue_job(job).job;
  }

  std::optional<ClaimedJob> claim(const std::string& worker = "w1", int lease = 30) {
    return store_->claim_job(JobClaim{worker, at(clock_), at(clock_ + lease), at(clock_ - 60)});
  }

  static bool succeed(Store& store, const ClaimedJob& claimed) {
    return store.finish_job(claimed, JobOutcome{JobOutcome::Kind::Succeeded, "manifest_" + claimed.job.id, {}, {}});
  }

  int clock_ = 0;
  std::filesystem::path directory_;
  std::unique_ptr<Store> store_;
};

TEST_F(JobQueueTest, AJobRunsOnceAndItsResultIsCached) {
  Owner shop = owner("shop", Tier::Pro);
  const Job queued = enqueue(shop, {"python", "openapi", "python"});
  EXPECT_EQ(queued.state, JobState::Queued);
  EXPECT_EQ(queued.targets, (std::vector<std::string>{"openapi", "python"}));

  const auto claimed = claim();
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->job.id, queued.id);
  EXPECT_EQ(claimed->job.attempts, 1);
  EXPECT_FALSE(claim("w2"));  // nothing else to run
  ASSERT_TRUE(succeed(*store_, *claimed));
  const Job done = *shop.store->find_job(queued.id);
  EXPECT_EQ(done.state, JobState::Succeeded);
  EXPECT_EQ(done.manifest, "manifest_" + queued.id);

  // The same version and targets again: done at once, from the cache, never queued.
  const Job again = enqueue(shop, {"openapi", "python"});
  EXPECT_EQ(again.state, JobState::Succeeded);
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(again.manifest, done.manifest);
  EXPECT_FALSE(claim());
  // Other targets are another generation.
  EXPECT_EQ(enqueue(shop, {"openapi"}).state, JobState::Queued);

  std::vector<std::string> types;
  for (const StoredEvent& event : shop.store->events_after(0, 100)) types.push_back(event.type);
  EXPECT_EQ(std::count(types.begin(), types.end(), "generation.started"), 1);
  EXPECT_EQ(std::count(types.begin(), types.end(), "generation.completed"), 2);
  EXPECT_EQ(std::count(types.begin(), types.end(), "artifacts.ready"), 2);
}

TEST_F(JobQueueTest, OneTenantsFloodDoesNotStarveAnother) {
  Owner flood = owner("flood", Tier::Enterprise);
  Owner single = owner("single", Tier::Free);
  for (int i = 0; i < 40; ++i) enqueue(flood, {"t" + std::to_string(i)});
  ++clock_;
  const Job lone = enqueue(single);
  // One worker takes a job at a time: the flooding tenant's claims count against it, so the free
  // tenant's job starts within a few claims even though the enterprise tier weighs four times as much.
  int position = 0;
  for (int i = 1; i <= 10 && position == 0; ++i) {
    const auto claimed = claim();
    ASSERT_TRUE(claimed);
    if (claimed->job.id == lone.id) position = i;
    ASSERT_TRUE(succeed(*store_, *claimed));
    ++clock_;
  }
  EXPECT_GE(position, 1);
  EXPECT_LE(position, 5);
}

TEST_F(JobQueueTest, ATenantRunsNoMoreThanItsTierAllowsAtOnce) {
  Owner free_tenant = owner("free", Tier::Free);  // one job at a time
  enqueue(free_tenant, {"a"});
  enqueue(free_tenant, {"b"});
  const auto first = claim("w1");
  ASSERT_TRUE(first);
  EXPECT_FALSE(claim("w2"));
  ASSERT_TRUE(succeed(*store_, *first));
  EXPECT_TRUE(claim("w2"));
}

TEST_F(JobQueueTest, HigherPriorityRunsFirstWithinATenant) {
  Owner shop = owner("shop", Tier::Pro);
  enqueue(shop, {"low"}, 0);
  const Job urgent = enqueue(shop, {"urgent"}, 10);
  EXPECT_EQ(claim()->job.id, urgent.id);
}

TEST_F(JobQueueTest, ALapsedLeaseIsTakenOverAndTheOldWorkerCannotFinish) {
  Owner shop = owner("shop", Tier::Pro);
  const Job job = enqueue(shop);
  auto first = claim("w1", 30);
  ASSERT_TRUE(first);
  clock_ += 10;
  ASSERT_TRUE(store_->renew_job(*first, at(clock_ + 30)));  // a heartbeat
  clock_ += 25;
  EXPECT_FALSE(claim("w2"));  // the renewed lease still holds
  clock_ += 10;
  auto second = claim("w2", 30);  // w1 died: its lease lapsed
  ASSERT_TRUE(second);
  EXPECT_EQ(second->job.id, job.id);
  EXPECT_EQ(second->job.attempts, 2);
  EXPECT_FALSE(store_->renew_job(*first, at(clock_ + 30)));
  EXPECT_FALSE(succeed(*store_, *first));
  EXPECT_TRUE(succeed(*store_, *second));
  EXPECT_EQ(shop.store->find_job(job.id)->state, JobState::Succeeded);
}

TEST_F(JobQueueTest, AJobWhoseWorkersKeepDyingIsDeadWithTheReason) {
  Owner shop = owner("shop", Tier::Pro);
  const Job job = enqueue(shop);  // three attempts
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const auto claimed = claim("w" + std::to_string(attempt), 30);
    ASSERT_TRUE(claimed);
    EXPECT_EQ(claimed->job.attempts, attempt);
    clock_ += 31;
  }
  EXPECT_FALSE(claim());
  const Job dead = *shop.store->find_job(job.id);
  EXPECT_EQ(dead.state, JobState::Dead);
  EXPECT_NE(dead.error->find("stopped answering"), std::string::npos);
}

TEST_F(JobQueueTest, RetriesWaitTheirBackoffThenTheJobDies) {
  Owner shop = owner("shop", Tier::Pro);
  const Job job = enqueue(shop);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const auto claimed = claim();
    ASSERT_TRUE(claimed) << attempt;
    ASSERT_TRUE(store_->finish_job(*claimed, JobOutcome{JobOutcome::Kind::Retry, {}, "disk full", at(clock_ + 20)}));
    EXPECT_FALSE(claim());  // not before its backoff
    clock_ += 21;
  }
  const Job dead = *shop.store->find_job(job.id);
  EXPECT_EQ(dead.state, JobState::Dead);
  EXPECT_EQ(dead.error, "disk full");
}

TEST_F(JobQueueTest, AFailureThatRetryingCannotFixIsFinal) {
  Owner shop = owner("shop", Tier::Pro);
  const Job job = enqueue(shop);
  ASSERT_TRUE(store_->finish_job(*claim(), JobOutcome{JobOutcome::Kind::Failed, {}, "BP1001 unknown type", {}}));
  EXPECT_EQ(shop.store->find_job(job.id)->state, JobState::Failed);
  EXPECT_FALSE(claim());
}

TEST_F(JobQueueTest, CancellingAQueuedJobIsImmediateAndARunningOneStopsAtItsHeartbeat) {
  Owner shop = owner("shop", Tier::Pro);
  const Job waiting = enqueue(shop, {"a"});
  EXPECT_EQ(shop.store->cancel_job(waiting.id).state, JobState::Cancelled);
  EXPECT_EQ(status_of([&] { shop.store->cancel_job(waiting.id); }), 409);

  const Job running = enqueue(shop, {"b"});
  auto claimed = claim();
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->job.id, running.id);
  EXPECT_TRUE(shop.store->cancel_job(running.id).cancel_requested);
  EXPECT_FALSE(store_->renew_job(*claimed, at(clock_ + 30)));
  ASSERT_TRUE(store_->finish_job(*claimed, JobOutcome{JobOutcome::Kind::Cancelled, {}, "cancelled", {}}));
  EXPECT_EQ(shop.store->find_job(running.id)->state, JobState::Cancelled);
}

TEST_F(JobQueueTest, TheDailyQuotaHoldsAndJobsStayWithTheirTenant) {
  Owner mine = owner("mine", Tier::Free);  // 100 jobs a day
  Owner other = owner("other", Tier::Free);
  std::string first;
  for (int i = 0; i < 100; ++i) {
    const Job job = enqueue(mine, {"t" + std::to_string(i)});
    if (i == 0) first = job.id;
    ++clock_;
  }
  EXPECT_EQ(status_of([&] { enqueue(mine, {"one-more"}); }), 403);
  EXPECT_EQ(status_of([&] { enqueue(other, {"t0"}); }), 0);  // a quota per tenant

  EXPECT_FALSE(other.store->find_job(first));
  EXPECT_EQ(status_of([&] { other.store->cancel_job(first); }), 404);
  EXPECT_EQ(other.store->list_jobs(500, std::nullopt).items.size(), 1u);
  // Pages, newest first.
  const Page<Job> page = mine.store->list_jobs(60, std::nullopt);
  ASSERT_EQ(page.items.size(), 60u);
  ASSERT_TRUE(page.next);
  EXPECT_EQ(mine.store->list_jobs(60, page.next).items.size(), 40u);
  EXPECT_EQ(mine.store->list_jobs(60, page.next).items.back().id, first);
}

}  // namespace
TEST_F(JobQueueTest, AnIdempotencyKeyFindsTheJobItsFirstRequestMade) {
  Owner shop = owner("shop", Tier::Pro);
  NewJob request{shop.blueprint_id, 1, {"openapi"}, {}, 0, 3, "test-compiler", at(clock_ - 86'400)};
  request.idempotency_key = "order-42";
  request.request_hash = "hash-a";
  const EnqueuedJob first = shop.store->enqueue_job(request);
  EXPECT_FALSE(first.replayed);
  const EnqueuedJob again = shop.store->enqueue_job(request);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.job.id, first.job.id);
  EXPECT_EQ(shop.store->list_jobs(10, std::nullopt).items.size(), 1u);
  // The same key for another request is refused, not answered with the first one's job.
  request.request_hash = "hash-b";
  EXPECT_EQ(status_of([&] { shop.store->enqueue_job(request); }), 422);
  // Keys are each tenant's own.
  Owner other = owner("other", Tier::Pro);
  request.blueprint_id = other.blueprint_id;
  request.request_hash = "hash-a";
  EXPECT_FALSE(other.store->enqueue_job(request).replayed);
}

TEST_F(JobQueueTest, OptionsArePartOfTheCacheKey) {
  Owner shop = owner("shop", Tier::Pro);
  shop.store->save_version(shop.blueprint_id, NewVersion{"entity A {}\nentity B {}\n", "", 0, 0, R"({"diagnostics":[]})"},
                           std::nullopt);
  const NewJob plain{shop.blueprint_id, 2, {"typescript"}, {}, 0, 3, "test-compiler", at(clock_ - 86'400)};
  NewJob migrating = plain;
  migrating.options.migrate_from = 1;
  NewJob lossy = migrating;
  lossy.options.allow_data_loss = true;
  const Job a = shop.store->enqueue_job(plain).job;
  const Job b = shop.store->enqueue_job(migrating).job;
  const Job c = shop.store->enqueue_job(lossy).job;
  EXPECT_NE(a.cache_key, b.cache_key);
  EXPECT_NE(b.cache_key, c.cache_key);
  EXPECT_EQ(a.options, "{}");
  EXPECT_EQ(b.options, R"({"migrateFrom":1})");
  EXPECT_TRUE(JobOptions::parse(c.options).allow_data_loss);
  EXPECT_EQ(JobOptions::parse(b.options).migrate_from, 1);
  // Only an earlier version can be migrated from.
  NewJob backwards = plain;
  backwards.version = 1;
  backwards.options.migrate_from = 2;
  EXPECT_EQ(status_of([&] { shop.store->enqueue_job(backwards); }), 400);
}

TEST_F(JobQueueTest, QueueStatsCountWaitingAndRunningJobsAndTheOldestWait) {
  Owner shop = owner("shop", Tier::Pro);
  EXPECT_EQ(store_->queue_stats().queued, 0);
  EXPECT_FALSE(store_->queue_stats().oldest_queued);
  const Job first = enqueue(shop, {"openapi"});
  ++clock_;
  enqueue(shop, {"python"});
  enqueue(shop, {"typescript"});
  ASSERT_TRUE(claim());
  const Store::QueueStats stats = store_->queue_stats();
  EXPECT_EQ(stats.queued, 2);
  EXPECT_EQ(stats.running, 1);
  ASSERT_TRUE(stats.oldest_queued);
  EXPECT_GT(*stats.oldest_queued, first.created_at);  // the first is running; the next waited longest
  // The time it shows is one the gauge can read back.
  const auto parsed = parse_utc(*stats.oldest_queued);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(format_utc(*parsed), *stats.oldest_queued);
  EXPECT_FALSE(parse_utc("yesterday"));
}

}  // namespace bpc::service
