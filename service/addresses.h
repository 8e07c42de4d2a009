#pragma once

// Where a webhook may be sent. A multi-tenant service must not let a tenant's webhook reach what
// only the service can reach (server-side request forgery): its own loopback ports, the private
// network, a cloud's metadata endpoint. In prod mode a destination is resolved once, every
// address it resolves to must be public, and the connection goes to the address that was checked
// (so a name that resolves differently a moment later — DNS rebinding — changes nothing).

#include <string>
#include <string_view>

struct sockaddr;

namespace bpc::service {

// False for loopback, unspecified, private (RFC 1918, fc00::/7), shared (100.64/10), link-local
// (169.254/16 — metadata endpoints — and fe80::/10), multicast, broadcast, reserved and
// documentation ranges, and IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64, 6to4)
// that are any of those.
bool is_public_address(const sockaddr& address);
// The same for an address literal (IPv4 dotted or IPv6, without brackets); false for a name.
bool is_public_address_literal(std::string_view literal);

// `host` (a name or a literal) resolved to the address to connect to, as a literal. With
// `public_only`, every address it resolves to must be public. On failure `error` says why.
struct Destination {
  std::string address;
  std::string error;
};
Destination resolve_destination(const std::string& host, bool public_only);

// The host of an `http(s)://` URL, without brackets or port.
std::string url_host(std::string_view url);

}  // namespace bpc::service
