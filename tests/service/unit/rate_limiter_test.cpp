#include "service/rate_limiter.h"

#include <gtest/gtest.h>

namespace bpc::service {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenRefusesUntilTheRateRefills) {
  RateLimiter limiter;
  const auto start = RateLimiter::Clock::time_point{} + 1000s;
  int allowed = 0;
  for (int i = 0; i < 30; ++i) allowed += limiter.admit("k", 10, 20, start).allowed ? 1 : 0;
  EXPECT_EQ(allowed, 20);
  const RateLimiter::Decision refused = limiter.admit("k", 10, 20, start);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_NEAR(refused.retry_after_seconds, 0.1, 0.01);
  // One emission interval later, exactly one more request fits.
  EXPECT_TRUE(limiter.admit("k", 10, 20, start + 100ms).allowed);
  EXPECT_FALSE(limiter.admit("k", 10, 20, start + 100ms).allowed);
  // After two seconds the whole burst is back.
  EXPECT_EQ(limiter.admit("k", 10, 20, start + 2200ms).remaining, 19);
}

TEST(RateLimiter, KeysHaveSeparateBudgets) {
  RateLimiter limiter;
  const auto now = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 5; ++i) limiter.admit("a", 1, 5, now);
  EXPECT_FALSE(limiter.admit("a", 1, 5, now).allowed);
  EXPECT_TRUE(limiter.admit("b", 1, 5, now).allowed);
}

TEST(RateLimiter, SustainedRateIsHonoured) {
  RateLimiter limiter;
  auto now = RateLimiter::Clock::time_point{} + 1000s;
  int allowed = 0;
  // 10 s at one request per millisecond against 50/s with bursts of 10: 10 + 500 at most.
  for (int i = 0; i < 10000; ++i, now += 1ms) allowed += limiter.admit("k", 50, 10, now).allowed ? 1 : 0;
  EXPECT_GE(allowed, 500);
  EXPECT_LE(allowed, 511);
}

}  // namespace
}  // namespace bpc::service
