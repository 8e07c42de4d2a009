#pragma once

// Tenants, their tiers and quotas, API-key roles, and who a request acts as.
//
// A tier fixes a tenant's quotas. A key belongs to one tenant and has one role; each role may do
// what the roles below it may:
//   viewer     read blueprints, versions, events; use the compile endpoint
//   developer  create blueprints, save versions, tag, restore
//   admin      approve, reject and archive blueprints; create and revoke keys up to admin
//   owner      create and revoke owner keys
// The operator key (configured, not stored) administers tenants and acts for none of them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpc::service {

enum class Tier : std::uint8_t { Free, Pro, Enterprise };
enum class Role : std::uint8_t { Viewer, Developer, Admin, Owner };

struct Quotas {
  std::int64_t blueprints;
  std::int64_t versions_per_blueprint;
  std::int64_t stored_bytes;         // the sizes of every version's source, summed
  std::int64_t requests_per_second;  // per API key, sustained
  std::int64_t request_burst;        // per API key, at once
  std::int64_t jobs_per_day;         // generation jobs created in any 24 hours
  std::int64_t concurrent_jobs;      // generation jobs running at once
  std::int64_t queue_weight;         // the tenant's share of the workers against other tiers'
};

const Quotas& quotas_of(Tier tier);

std::string_view tier_name(Tier tier);
std::optional<Tier> parse_tier(std::string_view name);
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

struct Tenant {
  std::string id;
  std::string name;
  Tier tier = Tier::Free;
  bool suspended = false;
  std::string created_at;
  std::string updated_at;
};

struct ApiKey {
  std::string id;
  std::string tenant_id;
  std::string name;
  Role role = Role::Viewer;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// Who a request acts as, once its key is known.
struct Principal {
  bool is_operator = false;
  std::string tenant_id;  // empty for the operator
  std::string key_id;     // "operator" for the operator
  Role role = Role::Viewer;
  Tier tier = Tier::Enterprise;  // the tenant's (the operator's limits are enterprise's)
  bool tenant_suspended = false;
};

// Everything a change records about the request that made it.
struct RequestContext {
  Principal principal;
  std::string correlation_id;
};

}  // namespace bpc::service
