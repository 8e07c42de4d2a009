#pragma once

// The tables, constraints and indexes SqliteStore keeps entities in (sqlite_store.h), as the SQL
// that creates what a database does not have yet.

#include <string>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

// The table of a list of references (`Entity__field`: owner, position, target).
std::string link_table(const EntityDescriptor& entity, const std::string& field);

// The column of `field` in the entity's table; null when the field is not a column.
const Column* column_of(const EntityDescriptor& entity, const std::string& field);

// The statements that create every table and index of `entities` and the outbox, each once.
std::vector<std::string> schema_statements(const std::vector<const EntityDescriptor*>& entities);

}  // namespace bpc::runtime
