#pragma once

// Persistence behind one interface. A Store holds one Repository per entity and runs work in a
// transaction; MemoryStore (memory_store.h) and SqlStore (sql_store.h: SQLite or PostgreSQL)
// implement it. Records are the wire form of an entity: JSON objects keyed by the blueprint's field names, checked at the boundary
// (values.h) before a store sees them.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bpc/runtime/query.h"
#include "bpc/runtime/values.h"

namespace bpc::runtime {

enum class OnDelete : std::uint8_t {
  Restrict,
  Cascade,
  SetNull
};

// A stored reference to records of another entity: one id, or a list of ids (`many`).
struct Reference {
  std::string field{};
  std::string target{};  // the entity's name
  bool many = false;
  OnDelete on_delete = OnDelete::Restrict;
};

// How a relational store keeps a field in a column: references as their target's id, enums as
// text, structs, lists, maps and `json` values as JSON text.
enum class ColumnKind : std::uint8_t {
  Text,
  Integer,
  Float,
  Boolean,
  Decimal,
  Date,
  DateTime,
  Json
};

struct Column {
  std::string field{};
  ColumnKind kind = ColumnKind::Text;
  const Type* type = nullptr;  // a JSON column's type: what puts its structs' members back in order
};

// A list of references kept in a table of its own: (owner, position, target).
struct LinkTable {
  std::string field{};
  std::string table{};
};

// How the service fills a `@generated` field on create.
enum class Generated : std::uint8_t {
  Uuid,
  NextInteger,
  Now
};

// A field that holds the caller's tenant (`@tenant`) or identity (`@owner`), and whether its
// values are integers.
struct Scope {
  enum class Claim : std::uint8_t {
    Tenant,
    Subject
  };
  std::string field{};
  Claim claim = Claim::Tenant;
  bool integer = false;
};

// What the service and a store need to know about an entity.
struct EntityDescriptor {
  std::string name{};
  std::vector<std::string> fields{};  // the stored fields, in the order records hold them
  std::string id_field{};
  bool integer_id = false;
  // The fields no two records share: one list per `@unique` field or `unique (a, b)` key (records
  // with a null in the key never clash).
  std::vector<std::vector<std::string>> unique{};
  // How the values of each sort key and range-filtered field order (query.h).
  std::map<std::string, OrderKind, std::less<>> order{};
  std::vector<Reference> references{};
  std::vector<std::string> secret{};   // left out of responses
  std::vector<std::string> touched{};  // `@updatedAt`: the current time on every write
  std::vector<std::pair<std::string, Generated>> generated{};
  // Row-level scope (scope.h): a caller sees only the records holding its tenant and identity.
  std::vector<Scope> scope{};
  // The `@deletedAt` field, or "": a delete sets it and hides the record until it is restored.
  std::string soft_delete{};
  // For relational stores (sql_store.h), in the tables bpc's relational schema declares: the
  // entity's table; the stored fields kept in its columns; the lists of references kept in tables
  // of their own, which are the lists that may not be null (a link table cannot tell null from
  // []); and the unique constraints and primary key by the name PostgreSQL reports a clash with,
  // each with its fields.
  std::string table{};
  std::vector<Column> columns{};
  std::vector<LinkTable> links{};
  std::map<std::string, std::vector<std::string>, std::less<>> constraints{};
};

struct Page {
  std::vector<Json> items{};
  std::int64_t total = 0;
};

// A write that would give two records the same values of a unique key.
class UniqueViolation : public std::runtime_error {
 public:
  UniqueViolation(std::string entity, std::vector<std::string> fields)
      : std::runtime_error("another " + entity + " has the same values"), entity_(std::move(entity)), fields_(std::move(fields)) {}
  const std::string& entity() const { return entity_; }
  const std::vector<std::string>& fields() const { return fields_; }

 private:
  std::string entity_;
  std::vector<std::string> fields_;
};

class Repository {
 public:
  virtual ~Repository() = default;
  virtual std::optional<Json> get(const Json& id) = 0;
  // The page of records that meet every condition and the search, in the query's order.
  virtual Page list(const ListQuery& query) = 0;
  // Throw UniqueViolation when a unique key clashes, or when a record has the id already.
  virtual void insert(const Json& record) = 0;
  virtual void replace(const Json& record) = 0;
  virtual bool remove(const Json& id) = 0;
  // Records whose reference `field` holds `id` (or, for `many`, whose list contains it).
  virtual std::vector<Json> referencing(const std::string& field, bool many, const Json& id) = 0;
  // One more than the largest integer id (1 for none), for generated integer ids.
  virtual std::int64_t next_id() = 0;
};

// An event, written to the outbox in the same transaction as the change it reports and
// delivered to subscribers after the commit (events.h).
struct Event {                // NOLINT(bugprone-exception-escape): nlohmann::json frees deep trees with a vector
  std::string id{};           // a random UUID
  std::string name{};         // `Patient.created`, or a declared event's name
  std::string occurred_at{};  // RFC 3339, UTC
  Json payload{};
  std::string correlation_id{};  // of the request (or the event) that set it off; "" for none
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Repository& repository(const EntityDescriptor& entity) = 0;
  // Runs `work` in one transaction: everything it wrote is undone if it throws. Transactions of
  // concurrent requests run one at a time.
  virtual void transaction(const std::function<void()>& work) = 0;
  // Appends an event to the outbox, inside a transaction.
  virtual void append_outbox(const Event& event) = 0;
  // Every event the outbox holds, oldest first.
  virtual std::vector<Event> outbox() = 0;
};

}  // namespace bpc::runtime
