#pragma once

// The tables a relational store keeps a blueprint's records in: one table per entity, a column
// per stored field (named as the field is on the wire), the id as primary key, single references
// as foreign keys, `@unique` fields and `unique (a, b)` keys as unique constraints, filtered
// fields, `@tenant` and `@owner` fields and `index (a, b)` keys as indexes, and a link table per
// required list of references (`order__items`: owner, position, target). It is the schema the Python backend's SQLAlchemy
// tables declare (backends/python/emit_model.cpp spells it) and what `bpc migrate` compares
// between two versions (migration.h), so a migration applies to the database a generated service
// made. Everything is held by name, not by IR id, so schemas of two versions can be compared.
//
// Constraint and index names follow the stores' naming convention (`pk_<table>`,
// `fk_<table>_<column>`, `uq_<table>_<columns>`, `ix_<table>_<columns>`), shortened as SQLAlchemy
// shortens them where a dialect limits identifiers (PostgreSQL: 63 bytes).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backends/service_model/service_model.h"

namespace bpc::backends::service {

// A column's SQL type, spelt per dialect by sql_type_name().
enum class SqlType : std::uint8_t { Text, Uuid, BigInteger, Double, Boolean, Date, DateTime, Json };
enum class SqlDialect : std::uint8_t { Sqlite, Postgresql };

struct SqlColumn {
  std::string name;
  SqlType type = SqlType::Text;
  bool nullable = false;
  // The field's default as SQL text for SQLite and PostgreSQL alike ('text', 12, 1.5, TRUE, and a
  // date-time as '2024-05-01 07:30:00.000000+00:00', which both stores read as that instant), when
  // it has one SQL can write: what a migration fills existing rows with.
  std::optional<std::string> default_sql{};
  // A column holding one enum's wire values (not inside JSON): the enum and its values.
  std::string enum_name{};
  std::vector<std::string> enum_values{};
};

struct SqlForeignKey {
  std::string column;
  std::string table;          // the referenced table
  std::string target_column;  // its id column
  bool cascade = false;       // ON DELETE CASCADE (a link table's owner); else DEFERRABLE INITIALLY DEFERRED
};

struct SqlKey {
  std::vector<std::string> columns;
  bool unique = false;    // a unique constraint; else an index
  bool declared = false;  // an `index (...)` or `unique (...)` key of the entity; else a field's own
};

struct SqlTable {
  std::string name;
  std::string entity;  // the entity whose records (or whose list's links) it keeps
  std::string link;    // a link table: the list field it keeps; empty for an entity's table
  std::vector<SqlColumn> columns;
  std::vector<std::string> primary_key;
  std::vector<SqlForeignKey> foreign_keys;
  std::vector<SqlKey> keys;

  const SqlColumn* column(std::string_view name) const;
};

class RelationalSchema {
 public:
  explicit RelationalSchema(std::vector<SqlTable> tables);

  // Entities' tables in declaration order, each followed by its link tables.
  const std::vector<SqlTable>& tables() const { return tables_; }
  const SqlTable* table(std::string_view name) const;
  // The table of an entity's records, or null.
  const SqlTable* entity_table(std::string_view entity) const;
  // The link table of an entity's list field, or null.
  const SqlTable* link_table(std::string_view entity, std::string_view field) const;

 private:
  std::vector<SqlTable> tables_;
  // Lookups by table name and by (entity, link field; empty for the entity's own table): a
  // migration of a large blueprint looks up every table of both versions.
  std::map<std::string, std::size_t, std::less<>> by_name_;
  std::map<std::pair<std::string, std::string>, std::size_t, std::less<>> by_owner_;
};

RelationalSchema relational_schema(const ServiceModel& model);

std::string sql_type_name(SqlType type, SqlDialect dialect);
// A string literal of SQL: `'it''s'`.
std::string sql_string(std::string_view text);
// `"name"`, quoted always (`"` doubled), so keywords and mixed case are names as written.
std::string sql_identifier(std::string_view name);
// The names of constraints and indexes, shortened for the dialect as SQLAlchemy does.
std::string primary_key_name(const SqlTable& table, SqlDialect dialect);
std::string foreign_key_name(const SqlTable& table, const SqlForeignKey& key, SqlDialect dialect);
std::string key_name(const SqlTable& table, const SqlKey& key, SqlDialect dialect);

}  // namespace bpc::backends::service
