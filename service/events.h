#pragma once

// Domain events, written to the outbox table in the transaction of the change they announce.
//
// The envelope: id (a random UUID-like id), type (`blueprint.drafted`...), schema version,
// time, tenant id, correlation id (the request's), source (`bpc-serve`), subject (what changed,
// `blueprints/bp_...`), and the type's payload. docs/service.md lists every type and its payload,
// and service/documents/event-schemas.json (served at /v1/event-schemas) holds a JSON Schema of each.

#include <optional>
#include <string>
#include <string_view>

#include "service/database.h"

namespace bpc::service {

inline constexpr std::string_view kEventSource = "bpc-serve";

struct EventDraft {
  std::string tenant_id;
  std::string type;
  std::string subject;
  std::string data;  // JSON object
  std::optional<std::string> correlation_id;
  std::string time;
};

// Inserts the event; call inside the change's write transaction.
void append_event(Connection& connection, const EventDraft& event);

}  // namespace bpc::service
