#pragma once

// Times as the service stores and shows them: RFC 3339 in UTC with milliseconds
// (`2026-12-06T04:25:29.219Z`), which also sort as text in time order.

#include <chrono>
#include <optional>
#include <string>

namespace bpc::service {

std::string format_utc(std::chrono::system_clock::time_point time);
inline std::string utc_now() { return format_utc(std::chrono::system_clock::now()); }
// The time format_utc wrote; nothing for text in another form.
std::optional<std::chrono::system_clock::time_point> parse_utc(const std::string& text);

}  // namespace bpc::service
