#include "bpc/runtime/events.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <random>
#include <string_view>

namespace bpc::runtime {

void EventBus::subscribe(const std::string& name, Handler handler) {
  const std::lock_guard guard(lock_);
  handlers_[name].push_back(std::move(handler));
}

void EventBus::subscribe_all(Handler handler) {
  const std::lock_guard guard(lock_);
  every_.push_back(std::move(handler));
}

void EventBus::deliver(const Event& event) const {
  std::vector<Handler> handlers;
  {
    const std::lock_guard guard(lock_);
    const auto it = handlers_.find(event.name);
    if (it != handlers_.end()) handlers = it->second;
    handlers.insert(handlers.end(), every_.begin(), every_.end());
  }
  for (const Handler& handler : handlers) {
    try {
      handler(event);
    } catch (const std::exception& error) {
      std::cerr << "event handler for " << event.name << " failed: " << error.what() << '\n';
    }
  }
}

Event make_event(std::string name, Json payload) {
  Event event;
  event.id = random_uuid();
  event.name = std::move(name);
  event.occurred_at = now_utc();
  event.payload = std::move(payload);
  return event;
}

std::string random_uuid() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    const std::uint64_t word = generator();
    for (std::size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<unsigned char>(word >> (8 * j));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0FU) | 0x40U);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3FU) | 0x80U);  // RFC 4122 variant
  std::string out;
  constexpr std::string_view hex = "0123456789abcdef";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[bytes[i] >> 4U];
    out += hex[bytes[i] & 0x0FU];
  }
  return out;
}

std::string now_utc() {
  using namespace std::chrono;
  const auto now = time_point_cast<milliseconds>(system_clock::now());
  const sys_days day = floor<days>(now);
  const year_month_day date(day);
  const hh_mm_ss<milliseconds> time(now - day);
  std::array<char, 40> buffer{};
  const int n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                              static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                              static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                              static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

}  // namespace bpc::runtime
