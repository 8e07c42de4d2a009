#pragma once

// The README section every generated service has about operating it: the probes, metrics, logs
// and ids, and the table of its settings with their development and production defaults (the
// contract of docs/operations.md, which each backend's runtime implements). The targets differ
// only in how the store is named and where the server listens by default.

#include <cstdint>
#include <string>
#include <string_view>

namespace bpc::backends {

struct OperationsReadme {
  std::int64_t port = 0;
  std::string host_default;       // "127.0.0.1", "every address"
  std::string database_setting;   // `database_url`, `database`
  std::string database_variable;  // `DATABASE_URL`, `DATABASE`
  std::string database_default;   // what no database means: "none: in memory"
  std::string extra_rows;         // further rows of the settings table, Markdown, each ending in a newline
};

// The row of the migrations folder's setting, for the targets that apply migration scripts.
inline constexpr std::string_view kMigrationsSettingRow = "| `migrations` | `BPC_MIGRATIONS` | the project's `migrations/` | the same |\n";

// The rows of the JSON Web Token settings, for the targets that verify them.
inline constexpr std::string_view kJwtSettingsRows =
    "| `jwt_issuer`, `jwt_audience`, `jwks` | `JWT_ISSUER`, `JWT_AUDIENCE`, `JWKS` (a JWKS file or URL) | none: no JSON Web "
    "Token is accepted | the same (the JWKS URL must be https) |\n"
    "| `jwt_roles_claim`, `jwt_tenant_claim` | `JWT_ROLES_CLAIM`, `JWT_TENANT_CLAIM` | `roles`, `tenant` (a dotted path "
    "reaches into objects: `realm_access.roles`) | the same |\n";

std::string operations_readme_section(const OperationsReadme& readme);

// `migrations/README.md` of a project whose store applies migration scripts.
std::string migrations_readme();

}  // namespace bpc::backends
