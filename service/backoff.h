#pragma once

// How long a retry waits: exponential backoff with jitter, for webhook deliveries and generation
// jobs alike. Attempt 1 waits about `first`, each later one twice the one before, never more than
// `longest`; each wait is scaled by a random factor in [0.8, 1.2), so retries that failed together
// do not come back together.

#include <chrono>
#include <cstdint>

namespace bpc::service {

std::chrono::milliseconds retry_delay(std::chrono::milliseconds first, std::chrono::milliseconds longest,
                                      std::int64_t attempt);

}  // namespace bpc::service
