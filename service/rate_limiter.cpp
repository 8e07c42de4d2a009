#include "service/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace bpc::service {

RateLimiter::Decision RateLimiter::admit(const std::string& key, std::int64_t per_second, std::int64_t burst,
                                         Clock::time_point now) {
  using std::chrono::duration;
  using std::chrono::duration_cast;
  const auto interval = duration_cast<Clock::duration>(duration<double>(1.0 / static_cast<double>(per_second)));
  const auto tolerance = interval * burst;

  const std::lock_guard lock(mutex_);
  // Bounded memory: keys idle long enough to have a full burst again carry no information.
  if (theoretical_arrival_.size() > 100'000) {
    std::erase_if(theoretical_arrival_, [&](const auto& entry) { return entry.second <= now; });
  }
  Clock::time_point& arrival = theoretical_arrival_.try_emplace(key, now).first->second;
  const Clock::time_point start = std::max(arrival, now);
  const Clock::time_point next = start + interval;

  Decision decision;
  decision.limit = burst;
  const auto to_seconds = [](Clock::duration d) { return std::max(0.0, duration<double>(d).count()); };
  if (next - now > tolerance) {
    decision.allowed = false;
    decision.remaining = 0;
    decision.retry_after_seconds = to_seconds(next - tolerance - now);
    decision.reset_seconds = to_seconds(start - now);
    return decision;
  }
  arrival = next;
  decision.allowed = true;
  decision.remaining = std::clamp<std::int64_t>((tolerance - (next - now)) / interval, 0, burst);
  decision.reset_seconds = to_seconds(next - now);
  return decision;
}

}  // namespace bpc::service
