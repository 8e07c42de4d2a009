#include "sqlite_schema.h"

#include <algorithm>
#include <set>

#include "sqlite_connection.h"

namespace bpc::runtime {

namespace {

std::string column_type(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::Integer:
    case ColumnKind::Boolean: return "INTEGER";
    case ColumnKind::Float: return "REAL";
    case ColumnKind::Text:
    case ColumnKind::Decimal:
    case ColumnKind::Date:
    case ColumnKind::DateTime:
    case ColumnKind::Json: break;
  }
  return "TEXT";
}

// The id column's type of an entity, and the clause of a foreign key to it (checked at commit).
std::string id_type(const EntityDescriptor& entity) { return column_type(id_kind(entity)); }

std::string foreign_key(const EntityDescriptor& target) {
  return " REFERENCES " + sql_name(target.name) + " (" + sql_name(target.id_field) + ") DEFERRABLE INITIALLY DEFERRED";
}

std::string column_list(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& field : fields) out += (out.empty() ? "" : ", ") + sql_name(field);
  return out;
}

// `ix_Table(a,b)`: no table is named so, and no two indexes.
std::string index(const std::string& table, const std::vector<std::string>& fields) {
  std::string name = "ix_" + table + "(";
  for (std::size_t i = 0; i < fields.size(); ++i) name += (i == 0 ? "" : ",") + fields[i];
  name += ")";
  return "CREATE INDEX IF NOT EXISTS " + sql_name(name) + " ON " + sql_name(table) + " (" + column_list(fields) + ")";
}

void entity_table(const EntityDescriptor& entity, const std::vector<const EntityDescriptor*>& entities, const TableNames& names,
                  std::vector<std::string>& out) {
  std::vector<std::string> parts;
  for (const Column& column : entity.columns) {
    std::string part = sql_name(column.field) + " " + column_type(column.kind);
    if (column.field == entity.id_field) {
      part += " PRIMARY KEY NOT NULL";
    } else if (!column.nullable) {
      part += " NOT NULL";
    }
    const Reference* reference = reference_of(entity, column.field);
    const EntityDescriptor* target = reference == nullptr || reference->many ? nullptr : find_entity(entities, reference->target);
    if (target != nullptr) part += foreign_key(*target);
    parts.push_back(std::move(part));
  }
  for (const std::vector<std::string>& key : entity.unique) {
    const bool columns = std::all_of(key.begin(), key.end(), [&](const std::string& field) { return column_of(entity, field) != nullptr; });
    if (columns) parts.push_back("UNIQUE (" + column_list(key) + ")");
  }
  std::string sql = "CREATE TABLE IF NOT EXISTS " + sql_name(entity.name) + " (\n  ";
  for (std::size_t i = 0; i < parts.size(); ++i) sql += (i == 0 ? "" : ",\n  ") + parts[i];
  out.push_back(sql + "\n)");

  std::set<std::vector<std::string>> indexed;
  for (const std::vector<std::string>& key : entity.indexes) {
    const bool columns = std::all_of(key.begin(), key.end(), [&](const std::string& field) { return column_of(entity, field) != nullptr; });
    if (columns && indexed.insert(key).second) out.push_back(index(entity.name, key));
  }

  for (const std::string& field : entity.links) {
    const EntityDescriptor* target = referenced_entity(entity, field, entities);
    if (target == nullptr) throw std::logic_error(entity.name + "." + field + " is no list of references");
    const std::string& table = names.link(entity, field);
    out.push_back("CREATE TABLE IF NOT EXISTS " + sql_name(table) + " (\n  \"owner\" " + id_type(entity) + " NOT NULL REFERENCES " +
                  sql_name(entity.name) + " (" + sql_name(entity.id_field) + ") ON DELETE CASCADE,\n  \"position\" INTEGER NOT NULL,\n  \"target\" " +
                  id_type(*target) + " NOT NULL" + foreign_key(*target) + ",\n  PRIMARY KEY (\"owner\", \"position\")\n)");
    out.push_back(index(table, {"target"}));
  }
}

}  // namespace

ColumnKind id_kind(const EntityDescriptor& entity) {
  const Column* id = column_of(entity, entity.id_field);
  return id == nullptr ? ColumnKind::Text : id->kind;
}

const EntityDescriptor* find_entity(const std::vector<const EntityDescriptor*>& entities, const std::string& name) {
  const auto it = std::find_if(entities.begin(), entities.end(), [&](const EntityDescriptor* e) { return e->name == name; });
  return it == entities.end() ? nullptr : *it;
}

const Reference* reference_of(const EntityDescriptor& entity, const std::string& field) {
  const auto it = std::find_if(entity.references.begin(), entity.references.end(), [&](const Reference& r) { return r.field == field; });
  return it == entity.references.end() ? nullptr : &*it;
}

const EntityDescriptor* referenced_entity(const EntityDescriptor& entity, const std::string& field,
                                          const std::vector<const EntityDescriptor*>& entities) {
  const Reference* reference = reference_of(entity, field);
  return reference == nullptr ? nullptr : find_entity(entities, reference->target);
}

const std::string& TableNames::link(const EntityDescriptor& entity, const std::string& field) const {
  const auto it = links.find(entity.name + "." + field);
  if (it == links.end()) throw std::logic_error(entity.name + "." + field + " has no table");
  return it->second;
}

TableNames table_names(const std::vector<const EntityDescriptor*>& entities) {
  const auto folded = [](std::string name) {
    for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return name;
  };
  std::set<std::string> taken;
  for (const EntityDescriptor* entity : entities) taken.insert(folded(entity->name));
  const auto claim = [&](std::string name) {
    while (!taken.insert(folded(name)).second) name += "_";
    return name;
  };
  TableNames names;
  names.outbox = claim("bpc_outbox");
  for (const EntityDescriptor* entity : entities) {
    for (const std::string& field : entity->links) names.links.emplace(entity->name + "." + field, claim(entity->name + "__" + field));
  }
  return names;
}

const Column* column_of(const EntityDescriptor& entity, const std::string& field) {
  const auto it = std::find_if(entity.columns.begin(), entity.columns.end(), [&](const Column& c) { return c.field == field; });
  return it == entity.columns.end() ? nullptr : &*it;
}

std::vector<std::string> schema_statements(const std::vector<const EntityDescriptor*>& entities, const TableNames& names) {
  std::vector<std::string> out;
  for (const EntityDescriptor* entity : entities) entity_table(*entity, entities, names, out);
  out.push_back(
      "CREATE TABLE IF NOT EXISTS " + sql_name(names.outbox) +
      " (\n  \"position\" INTEGER PRIMARY KEY AUTOINCREMENT,\n  \"id\" TEXT NOT NULL UNIQUE,\n"
      "  \"name\" TEXT NOT NULL,\n  \"occurred_at\" TEXT NOT NULL,\n  \"payload\" TEXT NOT NULL,\n  \"correlation_id\" TEXT\n)");
  return out;
}

}  // namespace bpc::runtime
