#include "bpc/runtime/events.h"

#include <array>
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
  const std::string instant = now_datetime();  // `2024-01-31T10:00:00.123456Z`, or `...:00Z` on the second
  const std::size_t dot = instant.find('.');
  return instant.substr(0, 19) + "." + (dot == std::string::npos ? std::string("000") : instant.substr(dot + 1, 3)) + "Z";
}

}  // namespace bpc::runtime
