#pragma once

// The tables, constraints and indexes SqliteStore keeps entities in (sqlite_store.h), as the SQL
// that creates what a database does not have yet.

#include <map>
#include <string>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

// The names of the tables that are not an entity's: the outbox (`bpc_outbox`) and the table of
// each list of references (`Entity__field`: owner, position, target), each with `_` appended
// while it would be the name of another table (SQLite's names ignore ASCII case).
struct TableNames {
  std::string outbox{};
  std::map<std::string, std::string, std::less<>> links{};  // by `Entity.field`

  const std::string& link(const EntityDescriptor& entity, const std::string& field) const;
};
TableNames table_names(const std::vector<const EntityDescriptor*>& entities);

// The column of `field` in the entity's table; null when the field is not a column.
const Column* column_of(const EntityDescriptor& entity, const std::string& field);

// How the entity's id is kept (text when it has no id column).
ColumnKind id_kind(const EntityDescriptor& entity);

// The entity of this name among `entities`; null when there is none.
const EntityDescriptor* find_entity(const std::vector<const EntityDescriptor*>& entities, const std::string& name);

// The reference of `entity` that `field` holds; null when the field holds none.
const Reference* reference_of(const EntityDescriptor& entity, const std::string& field);

// The entity a reference field of `entity` refers to; null when the field is not a reference.
const EntityDescriptor* referenced_entity(const EntityDescriptor& entity, const std::string& field,
                                          const std::vector<const EntityDescriptor*>& entities);

// The statements that create every table and index of `entities` and the outbox, each once.
std::vector<std::string> schema_statements(const std::vector<const EntityDescriptor*>& entities, const TableNames& names);

}  // namespace bpc::runtime
