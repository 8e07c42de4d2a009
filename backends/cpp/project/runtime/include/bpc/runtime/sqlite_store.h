#pragma once

// A Store in an SQLite database: one table per entity with a real column per stored field
// (integers, reals, text, booleans as 0/1, structs and lists as JSON text), the id as primary
// key, references as foreign keys (checked when the transaction commits, so a delete may remove
// and clear records in any order), unique keys as unique constraints, an index per `index` key
// and per field lists filter or sort on. A list of references that may not be null is a table of
// its own (`Entity__field`: owner, position, target, both ids foreign keys). Published events go
// to the `bpc_outbox` table in the write's transaction. (A table whose name an entity has gets `_`
// appended.)
//
// Lists run their conditions, search and order in SQL with the semantics of query.h: decimals and
// datetimes through collations that compare them exactly (`bpc_decimal`, `bpc_datetime`), enum
// values in declaration order, nulls last, ties by id, the search through `bpc_contains` (the
// memory store's case folding). Every statement is prepared once and kept. One connection serves
// the whole store; transactions run one at a time (BEGIN IMMEDIATE), as in the memory store.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

struct TableNames;

class SqliteStore final : public Store {
 public:
  // Opens (or creates) the database at `path` (":memory:" for one in memory) and creates the
  // tables of `entities` that it does not have yet. Throws std::runtime_error when it cannot.
  SqliteStore(const std::string& path, const std::vector<const EntityDescriptor*>& entities);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Repository& repository(const EntityDescriptor& entity) override;
  void transaction(const std::function<void()>& work) override;
  void append_outbox(const Event& event) override;
  std::vector<Event> outbox() override;

  class Connection;
  class Table;

 private:
  std::recursive_mutex lock_;
  std::unique_ptr<Connection> connection_;
  std::vector<const EntityDescriptor*> entities_;
  std::unique_ptr<const TableNames> names_;  // of the outbox and the link tables
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables_;
  bool in_transaction_ = false;
};

}  // namespace bpc::runtime
