#pragma once

// A Store in a relational database, SQLite or PostgreSQL, in the tables of bpc's relational
// schema — the same tables, columns, keys and constraint names a Python service of the blueprint
// makes, so `bpc migrate` and `bpc build --migrate-from` write the migrations of both: one table
// per entity with a real column per stored field (integers, reals, booleans, dates and date-times
// in their SQL types, structs and lists as JSON), the id as primary key, references as foreign
// keys (checked when the transaction commits, so a delete may remove and clear records in any
// order), unique keys as unique constraints, indexes for `index` keys and the fields lists filter
// or sort on, a table per list of references that may not be null (owner, position, target).
// Published events go to the `bpc_outbox` table in the write's transaction.
//
// Date-times are kept as the Python service keeps them (SQLite: SQLAlchemy's text in UTC,
// `2024-01-31 10:00:00.500000`; PostgreSQL: TIMESTAMP WITH TIME ZONE), to the microsecond, and
// read back in the form the service writes (values.h: utc_datetime).
//
// Lists run their conditions, search and order in SQL with the semantics of query.h: decimals
// and date-times compared by value (SQLite: the `bpc_decimal` collation, and date-times as their
// fixed-width text; PostgreSQL: NUMERIC and TIMESTAMP WITH TIME ZONE), text by its bytes, enum values in
// declaration order, nulls last, ties by id; the search ignores case (SQLite: the memory store's
// case folding; PostgreSQL: lower() of the database's collation). One connection serves the
// store and transactions run one at a time, as in the memory store; a PostgreSQL connection that
// was lost is opened again before the next transaction.
//
// On opening, the schema is brought up to date (migrations.h): a new database gets the tables
// and records the project's migration scripts as applied; an existing one runs the scripts it
// has not run yet, then gets the tables it lacks.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

// The statements that make one table of the schema and its indexes, in one dialect, and those
// that add its foreign keys once every table is there (PostgreSQL; SQLite's are in the table).
struct TableSchema {
  std::string name{};
  std::vector<std::string> statements{};
  std::vector<std::string> foreign_keys{};
};

// The blueprint's tables in each dialect, in the order they can be made.
struct SqlSchema {
  std::vector<TableSchema> sqlite{};
  std::vector<TableSchema> postgresql{};
};

class SqlConnection;

class SqlStore final : public Store {
 public:
  // Takes the connection, brings its schema up to date with the scripts in `migrations`
  // (`<folder>/<dialect>/v<version>.sql`; "" for none). Throws std::runtime_error (MigrationError
  // when the scripts and the database disagree) when it cannot.
  SqlStore(std::unique_ptr<SqlConnection> connection, std::vector<const EntityDescriptor*> entities, const SqlSchema& schema,
           const std::string& migrations);
  ~SqlStore() override;
  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;

  Repository& repository(const EntityDescriptor& entity) override;
  void transaction(const std::function<void()>& work) override;
  void append_outbox(const Event& event) override;
  std::vector<Event> outbox() override;

  class Table;

 private:
  std::recursive_mutex lock_;
  std::unique_ptr<SqlConnection> connection_;
  std::vector<const EntityDescriptor*> entities_;
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables_;
  bool in_transaction_ = false;
};

// The store the DATABASE setting names: "" keeps records in memory; `postgresql://...` or
// `postgres://...` is a PostgreSQL database (libpq's connection URI); anything else is the path
// of an SQLite file (created if need be; ":memory:" for a database in memory).
std::unique_ptr<Store> open_store(const std::string& database, const std::vector<const EntityDescriptor*>& entities, const SqlSchema& schema,
                                  const std::string& migrations);

}  // namespace bpc::runtime
