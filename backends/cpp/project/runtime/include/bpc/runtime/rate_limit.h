#pragma once

// Rate limits by the generic cell rate algorithm (GCRA), one theoretical arrival time per key.
// A limit of N requests per period P lets a key make N requests at once and then one every P/N
// seconds: each request moves the key's theoretical arrival time (TAT) on by P/N, and a request
// that would put it more than P ahead of now is refused. What a decision tells the caller follows
// the IETF draft on rate-limit headers: `RateLimit-Limit`, `RateLimit-Remaining`,
// `RateLimit-Reset` (seconds until the key's whole quota is back) and, on a refusal,
// `Retry-After`. The times live in memory, per process; keys whose quota is whole again are
// forgotten once there are more than `max_keys`.

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bpc/runtime/settings.h"

namespace bpc::runtime {

struct RateDecision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  double reset = 0;        // seconds until the quota is whole again
  double retry_after = 0;  // refused: seconds until the next request may pass

  std::vector<std::pair<std::string, std::string>> headers() const;
};

class Gcra {
 public:
  using Clock = std::function<double()>;  // seconds, monotonic

  explicit Gcra(RateLimit limit, Clock clock = {}, std::size_t max_keys = 100000);

  // Counts a request of `key`, if the limit lets it pass, and says what it decided. Thread-safe.
  RateDecision check(const std::string& key);

 private:
  void forget_whole(double now);

  RateLimit limit_;
  double interval_;
  Clock clock_;
  std::size_t max_keys_;
  std::mutex lock_;
  std::unordered_map<std::string, double> arrivals_;
};

}  // namespace bpc::runtime
