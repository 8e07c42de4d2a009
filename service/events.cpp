#include "service/events.h"

#include "service/crypto.h"

namespace bpc::service {

namespace {

// A version-4 UUID from 16 random bytes.
std::string random_uuid() {
  std::string hex = random_hex(16);
  hex[12] = '4';
  static constexpr char kVariant[] = "89ab";
  hex[16] = kVariant[(hex[16] <= '9' ? hex[16] - '0' : hex[16] - 'a' + 10) & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

}  // namespace

void append_event(Connection& connection, const EventDraft& event) {
  Statement insert(connection,
                   "INSERT INTO events (id, tenant_id, type, schema_version, time, correlation_id, subject, data) "
                   "VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7)");
  insert.bind(1, random_uuid())
      .bind(2, event.tenant_id)
      .bind(3, event.type)
      .bind(4, event.time)
      .bind_optional(5, event.correlation_id)
      .bind(6, event.subject)
      .bind(7, event.data)
      .run();
}

}  // namespace bpc::service
