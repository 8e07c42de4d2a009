#include "bpc/runtime/rate_limit.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace bpc::runtime {

namespace {

constexpr double kSlack = 1e-9;

double monotonic_seconds() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

}  // namespace

std::vector<std::pair<std::string, std::string>> RateDecision::headers() const {
  std::vector<std::pair<std::string, std::string>> out{
      {"RateLimit-Limit", std::to_string(limit)},
      {"RateLimit-Remaining", std::to_string(remaining)},
      {"RateLimit-Reset", std::to_string(static_cast<std::int64_t>(std::ceil(reset - kSlack)))},
  };
  if (!allowed) out.emplace_back("Retry-After", std::to_string(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(retry_after - kSlack)))));
  return out;
}

Gcra::Gcra(RateLimit limit, Clock clock, std::size_t max_keys)
    : limit_(limit),
      interval_(limit.period / static_cast<double>(limit.requests)),
      clock_(clock ? std::move(clock) : Clock(monotonic_seconds)),
      max_keys_(max_keys) {}

RateDecision Gcra::check(const std::string& key) {
  const double period = limit_.period;
  double now = 0;
  double next_arrival = 0;
  {
    const std::lock_guard guard(lock_);
    now = clock_();
    const auto known = arrivals_.find(key);
    const double arrival = known == arrivals_.end() ? now : std::max(known->second, now);
    next_arrival = arrival + interval_;
    if (next_arrival - now > period + kSlack) return RateDecision{false, limit_.requests, 0, arrival - now, next_arrival - now - period};
    arrivals_[key] = next_arrival;
    if (arrivals_.size() > max_keys_) forget_whole(now);
  }
  const auto remaining = static_cast<std::int64_t>(std::floor((period - (next_arrival - now)) / interval_ + kSlack));
  return RateDecision{true, limit_.requests, remaining, next_arrival - now, 0.0};
}

void Gcra::forget_whole(double now) {
  std::erase_if(arrivals_, [now](const auto& entry) { return entry.second <= now; });
  while (arrivals_.size() > max_keys_) arrivals_.erase(arrivals_.begin());  // every key is busy: any goes
}

}  // namespace bpc::runtime
