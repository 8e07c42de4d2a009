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

// The schema's tables in the dialect as TableSchema literals.
std::string tables(const service::RelationalSchema& schema, service::SqlDialect dialect) {
  std::string out;
  for (const service::TableStatements& table : service::create_schema_statements(schema, dialect)) {
    out += fmt::format("    {{ name: {}, statements: {}, foreignKeys: {} }},\n", TsContext::string(table.name), strings(table.statements),
                       strings(table.foreign_keys));
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
