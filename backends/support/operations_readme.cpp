#include "backends/support/operations_readme.h"

#include "backends/support/printer.h"

namespace bpc::backends {

std::string operations_readme_section(const OperationsReadme& readme) {
  Printer p;
  p.print(R"(
    ## Operations

    - `GET /live` (the process answers), `GET /ready` (the store answers too: 503 otherwise),
      `GET /metrics` (Prometheus: `http_requests_total` by method, route and status,
      `http_request_duration_seconds`, `store_transaction_duration_seconds`, `http_rate_limited_total`).
    - One JSON log line per request on standard error (method, route, status, duration, request and
      correlation ids); `X-Request-Id` and `X-Correlation-Id` are taken from the request (or made) and
      answered, and every event a request publishes carries its correlation id.
    - Settings come from the environment over an optional TOML file (`BPC_CONFIG=service.toml`, whose
      keys are the names in the first column):

    | setting | variable | development | production (`BPC_ENV=production`) |
    |---|---|---|---|
    | `environment` | `BPC_ENV` | `development` | `production` |
    | `host`, `port` | `HOST`, `PORT` | $host$, $port$ | the same |
    | `$database$` | `$variable$` | $none$ | the same |
    $extra$
    | `dev_tokens` | `BPC_DEV_TOKENS` | none | refused: the service does not start |
    | `cors_origins` | `CORS_ORIGINS` (comma-separated) | none: no cross-origin caller | the same |
    | `max_body_bytes` | `MAX_BODY_BYTES` | 1048576 (larger bodies: 413) | the same |
    | `rate_limit_per_key` | `RATE_LIMIT_PER_KEY` (`600/minute`, or `off`) | off | 600/minute per bearer token (or client address) |
    | `rate_limit_per_tenant` | `RATE_LIMIT_PER_TENANT` | off | 6000/minute per tenant |
    | `log_level` | `LOG_LEVEL` | DEBUG | INFO |

    Rate-limited answers carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`; a
    refusal is 429 with `Retry-After`. The limits are counted per process.
  )", {{"host", readme.host_default}, {"port", readme.port}, {"database", readme.database_setting},
       {"variable", readme.database_variable}, {"none", readme.database_default}, {"extra", readme.extra_rows}});
  return p.take_output();
}

std::string migrations_readme() {
  return "# Migrations\n\n`bpc build --migrate-from OLD.bpl` adds the SQL that migrates a database made for the\n"
         "blueprint OLD to this version: `sqlite/v<version>.sql` and `postgresql/v<version>.sql`. The service\n"
         "applies the scripts it has not applied yet, in version order, when it starts (`BPC_MIGRATIONS` names\n"
         "this folder when the service does not run from the project, as in its container).\n";
}

}  // namespace bpc::backends
