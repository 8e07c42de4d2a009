// src/schema.ts: the statements that make the tables of bpc's relational schema
// (backends/service_model/relational_schema.h) in SQLite and PostgreSQL, for the SQL store
// (runtime/sql-store.ts) — the same CREATE statements `bpc migrate` writes, so the tables a new
// database gets are the ones a migration leads to.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/service_model/migration.h"
#include "backends/support/printer.h"
#include "backends/typescript/emitters.h"

namespace bpc::backends::typescript {

namespace {

std::string strings(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const std::string& text : texts) out.push_back(TsContext::string(text));
  return fmt::format("[{}]", fmt::join(out, ", "));
}

// The schema's tables in the dialect as TableSchema literals. PostgreSQL's foreign keys are added
// once every table is there (a table may refer to one declared after it), as a migration adds
// them; SQLite's are in the table (it cannot add them later).
std::string tables(const service::RelationalSchema& schema, service::SqlDialect dialect) {
  const bool inline_keys = dialect == service::SqlDialect::Sqlite;
  std::string out;
  for (const service::SqlTable& table : schema.tables()) {
    std::vector<std::string> statements{service::create_table_sql(table, dialect, inline_keys)};
    for (const service::SqlKey& key : table.keys) {
      if (!key.unique) statements.push_back(service::create_index_sql(table, key, dialect));
    }
    std::vector<std::string> foreign_keys;
    for (const service::SqlForeignKey& key : table.foreign_keys) {
      if (!inline_keys) foreign_keys.push_back(service::add_foreign_key_sql(table, key, dialect));
    }
    out += fmt::format("    {{ name: {}, statements: {}, foreignKeys: {} }},\n", TsContext::string(table.name), strings(statements),
                       strings(foreign_keys));
  }
  return out;
}

}  // namespace

void emit_schema(const TsContext& ctx, OutputDirectory& out) {
  const service::RelationalSchema& schema = ctx.schema();
  Printer p;
  print_generated_header(p);
  p.print(R"(import type { SqlSchema } from './runtime/sql-store.js';

// The tables of bpc's relational schema in SQLite and PostgreSQL, for the SQL store.
export const sqlSchema: SqlSchema = {
  sqlite: [
$sqlite$  ],
  postgresql: [
$postgresql$  ],
};
)",
          {{"sqlite", tables(schema, service::SqlDialect::Sqlite)}, {"postgresql", tables(schema, service::SqlDialect::Postgresql)}});
  out.add("src/schema.ts", p.take_output());
}

}  // namespace bpc::backends::typescript
