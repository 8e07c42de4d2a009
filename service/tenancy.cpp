#include "service/tenancy.h"

#include <array>

namespace bpc::service {

namespace {

constexpr std::int64_t kMiB = 1024 * 1024;
constexpr std::array<Quotas, 3> kQuotas = {{
    {10, 100, 5 * kMiB, 10, 20, 100, 1, 1},                        // free
    {200, 1'000, 200 * kMiB, 50, 100, 2'000, 4, 2},                // pro
    {10'000, 100'000, 10'240 * kMiB, 200, 400, 50'000, 16, 4},     // enterprise
}};
constexpr std::array<std::string_view, 3> kTierNames = {"free", "pro", "enterprise"};
constexpr std::array<std::string_view, 4> kRoleNames = {"viewer", "developer", "admin", "owner"};

}  // namespace

const Quotas& quotas_of(Tier tier) { return kQuotas[static_cast<std::size_t>(tier)]; }

std::string_view tier_name(Tier tier) { return kTierNames[static_cast<std::size_t>(tier)]; }

std::optional<Tier> parse_tier(std::string_view name) {
  for (std::size_t i = 0; i < kTierNames.size(); ++i) {
    if (kTierNames[i] == name) return static_cast<Tier>(i);
  }
  return std::nullopt;
}

std::string_view role_name(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

std::optional<Role> parse_role(std::string_view name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

}  // namespace bpc::service
