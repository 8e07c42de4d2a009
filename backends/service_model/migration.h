#pragma once

// `bpc migrate OLD NEW`: the SQL that takes a database made by a generated service of the old
// version of a blueprint to the schema of the new one (relational_schema.h), for SQLite or
// PostgreSQL, with the rows kept. Tables are matched by entity name, columns by field name, and
// renames are given as hints (a rename is otherwise a removal and an addition, as in `bpc diff`).
//
// A change that would lose data (a table or column removed, a column's type changed) is refused
// with a diagnostic unless `allow_data_loss`; one that cannot be done at all (a new required field
// without a default, so existing rows would have no value; an enum value removed that rows may
// hold) is refused always, with what to change. Nothing is written when anything is refused.
//
// PostgreSQL gets ALTER statements (renames, added and dropped columns, types, nullability,
// constraints and indexes, which keep the naming convention's names). SQLite cannot alter
// constraints, so a table whose definition changes is rebuilt the way SQLite documents: a new
// table, the rows copied, the old one dropped, the new one renamed, with foreign keys checked
// at the end. Every migration runs in one transaction.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "backends/service_model/relational_schema.h"
#include "frontend/diagnostics/diagnostic_engine.h"

namespace bpc::backends::service {

// Renames the diff cannot see: an entity (`Old=New`), a field of an entity or a value of an enum
// (`Old.old=new`, named as in the old version).
struct RenameHints {
  std::map<std::string, std::string, std::less<>> entities;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> members;  // owner -> old -> new
};

struct MigrationOptions {
  SqlDialect dialect = SqlDialect::Sqlite;
  bool allow_data_loss = false;
  RenameHints renames;
};

// Where a refused change is in the blueprints: the entity (and field) in the old or new version.
using MigrationLocator = std::function<SourceSpan(bool in_new, std::string_view entity, std::string_view field)>;

struct Migration {
  std::vector<std::string> statements;  // each a complete SQL statement, comments before it
  bool refused = false;
};

Migration plan_migration(const RelationalSchema& before, const RelationalSchema& after, const MigrationOptions& options,
                         DiagnosticEngine& diagnostics, const MigrationLocator& locate);

// The whole script: a header comment, the transaction, the statements (and for SQLite the foreign
// key switch around it and the check inside it).
std::string migration_script(const Migration& migration, SqlDialect dialect, std::string_view from, std::string_view to);

// `CREATE TABLE` with every column and constraint (foreign keys inline when `foreign_keys`).
std::string create_table_sql(const SqlTable& table, SqlDialect dialect, bool foreign_keys, std::string_view name = {});
// `ALTER TABLE ... ADD CONSTRAINT` of a foreign key (PostgreSQL: after the table it refers to).
std::string add_foreign_key_sql(const SqlTable& table, const SqlForeignKey& key, SqlDialect dialect);
// `CREATE INDEX` of a key that is an index, not a unique constraint.
std::string create_index_sql(const SqlTable& table, const SqlKey& key, SqlDialect dialect);

// What a generated store runs to make one table on a new database: the table and its indexes,
// and the foreign keys it adds once every table is there (PostgreSQL: a table may refer to one
// declared after it, as a migration adds them; SQLite declares them in the table, since it
// cannot add them later, so its list is empty).
struct TableStatements {
  std::string name;
  std::vector<std::string> statements;
  std::vector<std::string> foreign_keys;
};
std::vector<TableStatements> create_schema_statements(const RelationalSchema& schema, SqlDialect dialect);

}  // namespace bpc::backends::service
