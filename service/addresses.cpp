#include "service/addresses.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

namespace bpc::service {

namespace {

bool public_ipv4(std::uint32_t address) {  // host byte order
  struct Range {
    std::uint32_t base;
    int bits;
  };
  static constexpr std::array<Range, 15> kNotPublic = {{
      {0x00000000, 8},    // 0.0.0.0/8 "this network"
      {0x0A000000, 8},    // 10/8 private
      {0x64400000, 10},   // 100.64/10 shared (carrier-grade NAT)
      {0x7F000000, 8},    // 127/8 loopback
      {0xA9FE0000, 16},   // 169.254/16 link-local, cloud metadata
      {0xAC100000, 12},   // 172.16/12 private
      {0xC0000000, 24},   // 192.0.0/24 protocol assignments
      {0xC0000200, 24},   // 192.0.2/24 documentation
      {0xC0A80000, 16},   // 192.168/16 private
      {0xC6120000, 15},   // 198.18/15 benchmarking
      {0xC6336400, 24},   // 198.51.100/24 documentation
      {0xCB007100, 24},   // 203.0.113/24 documentation
      {0xE0000000, 4},    // 224/4 multicast
      {0xF0000000, 4},    // 240/4 reserved, and the broadcast address
      {0xC0586300, 24},   // 192.88.99/24 6to4 relay anycast
  }};
  for (const Range& range : kNotPublic) {
    const std::uint32_t mask = range.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - range.bits);
    if ((address & mask) == range.base) return false;
  }
  return true;
}

std::uint32_t ipv4_at(const unsigned char* bytes) {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) | bytes[3];
}

bool public_ipv6(const unsigned char* bytes) {
  static constexpr unsigned char kZero[16] = {};
  // :: and ::1
  if (std::memcmp(bytes, kZero, 15) == 0 && (bytes[15] == 0 || bytes[15] == 1)) return false;
  // An IPv4 address inside: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96).
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(bytes, kMapped, 12) == 0 || std::memcmp(bytes, kZero, 12) == 0 ||
      std::memcmp(bytes, kNat64, 12) == 0) {
    return public_ipv4(ipv4_at(bytes + 12));
  }
  // 6to4 (2002::/16) carries an IPv4 address in its next 32 bits.
  if (bytes[0] == 0x20 && bytes[1] == 0x02) return public_ipv4(ipv4_at(bytes + 2));
  if ((bytes[0] & 0xfe) == 0xfc) return false;                       // fc00::/7 unique local
  if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) return false;   // fe80::/10 link-local
  if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0) return false;   // fec0::/10 site-local
  if (bytes[0] == 0xff) return false;                                // multicast
  if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8) return false;  // documentation
  if (bytes[0] == 0x01 && std::memcmp(bytes + 1, kZero, 7) == 0) return false;  // 100::/64 discard
  return true;
}

std::string literal_of(const sockaddr& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
  } else {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
  }
  return text;
}

}  // namespace

bool is_public_address(const sockaddr& address) {
  if (address.sa_family == AF_INET) {
    return public_ipv4(ntohl(reinterpret_cast<const sockaddr_in&>(address).sin_addr.s_addr));
  }
  if (address.sa_family == AF_INET6) {
    return public_ipv6(reinterpret_cast<const sockaddr_in6&>(address).sin6_addr.s6_addr);
  }
  return false;
}

bool is_public_address_literal(std::string_view literal) {
  const std::string text(literal);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return public_ipv4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return public_ipv6(v6.s6_addr);
  return false;
}

Destination resolve_destination(const std::string& host, bool public_only) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int code = getaddrinfo(host.c_str(), nullptr, &hints, &found); code != 0) {
    return {"", "cannot resolve " + host + ": " + gai_strerror(code)};
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, &freeaddrinfo);
  Destination destination;
  for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_addr == nullptr) continue;
    if (public_only && !is_public_address(*entry->ai_addr)) {
      return {"", host + " resolves to " + literal_of(*entry->ai_addr) +
                      ", which is not a public address (this service sends webhooks only to public ones)"};
    }
    if (destination.address.empty()) destination.address = literal_of(*entry->ai_addr);
  }
  if (destination.address.empty()) destination.error = "cannot resolve " + host;
  return destination;
}

std::string url_host(std::string_view url) {
  const std::size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with('[')) return std::string(rest.substr(1, rest.find(']') - 1));
  return std::string(rest.substr(0, rest.find(':')));
}

}  // namespace bpc::service
