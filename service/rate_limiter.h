#pragma once

// Request-rate limits per API key by the generic cell rate algorithm (GCRA): each key has a
// "theoretical arrival time" that every allowed request pushes one emission interval (1/rate)
// later; a request is allowed while that time is at most `burst` intervals ahead of now. One
// timestamp per key, no timers, exact under concurrency (one mutex; the work under it is a
// map lookup and some arithmetic).
//
// The answer carries what the `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and
// `Retry-After` headers report.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bpc::service {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  struct Decision {
    bool allowed = false;
    std::int64_t limit = 0;      // requests allowed at once (the burst)
    std::int64_t remaining = 0;  // requests allowed now after this one
    double reset_seconds = 0;    // until the full burst is available again
    double retry_after_seconds = 0;  // when refused: until one request is allowed
  };

  // `key`'s request at `now`, at `per_second` sustained with bursts of `burst`.
  Decision admit(const std::string& key, std::int64_t per_second, std::int64_t burst, Clock::time_point now);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, Clock::time_point> theoretical_arrival_;
};

}  // namespace bpc::service
