#include "service/backoff.h"

#include <algorithm>
#include <random>

namespace bpc::service {

std::chrono::milliseconds retry_delay(std::chrono::milliseconds first, std::chrono::milliseconds longest,
                                      std::int64_t attempt) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const double exponential = static_cast<double>(first.count()) *
                             static_cast<double>(std::int64_t{1} << std::clamp<std::int64_t>(attempt - 1, 0, 30));
  const double capped = std::min(exponential, static_cast<double>(longest.count()));
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(capped * std::uniform_real_distribution<double>(0.8, 1.2)(random)));
}

}  // namespace bpc::service
