#include "bpc/runtime/sql_store.h"

#include <algorithm>

#include "bpc/runtime/memory_store.h"
#include "migrations.h"
#include "sql_connection.h"

namespace bpc::runtime {

namespace {

// SQL with its parameters, in the order their `?` appear.
struct Sql {
  std::string text{};
  std::vector<SqlValue> values{};

  Sql& operator+=(std::string_view more) {
    text += more;
    return *this;
  }
  Sql& parameter(SqlValue value) {
    text += '?';
    values.push_back(std::move(value));
    return *this;
  }
};

// The fields of SQLite's "UNIQUE constraint failed: table.a, table.b".
std::vector<std::string> clashing_fields(const std::string& message) {
  std::vector<std::string> out;
  std::size_t at = message.find(": ");
  if (at == std::string::npos) return out;
  at += 2;
  while (at < message.size()) {
    const std::size_t end = std::min(message.find(", ", at), message.size());
    const std::string qualified = message.substr(at, end - at);
    const std::size_t dot = qualified.find('.');
    out.push_back(dot == std::string::npos ? qualified : qualified.substr(dot + 1));
    at = end + 2;
  }
  return out;
}

// `text` between two `quote`s, each `quote` in it doubled: SQL's one escape in names and literals.
std::string enclosed(std::string_view text, char quote) {
  std::string out(1, quote);
  for (const char c : text) {
    out += c;
    if (c == quote) out += quote;
  }
  return out + quote;
}

// The entity a reference field of `entity` refers to; null when the field is not a reference.
const EntityDescriptor* referenced_entity(const EntityDescriptor& entity, const std::string& field,
                                          const std::vector<const EntityDescriptor*>& entities) {
  const auto reference = std::find_if(entity.references.begin(), entity.references.end(), [&](const Reference& r) { return r.field == field; });
  if (reference == entity.references.end()) return nullptr;
  const auto it = std::find_if(entities.begin(), entities.end(), [&](const EntityDescriptor* e) { return e->name == reference->target; });
  return it == entities.end() ? nullptr : *it;
}

// The column of `field` in the entity's table; null when the field is not a column.
const Column* column_of(const EntityDescriptor& entity, const std::string& field) {
  const auto it = std::find_if(entity.columns.begin(), entity.columns.end(), [&](const Column& c) { return c.field == field; });
  return it == entity.columns.end() ? nullptr : &*it;
}

// How the entity's id is kept (text when it has no id column).
ColumnKind id_kind(const EntityDescriptor& entity) {
  const Column* id = column_of(entity, entity.id_field);
  return id == nullptr ? ColumnKind::Text : id->kind;
}

}  // namespace

SqlValue to_column(ColumnKind kind, const Json& value) {
  if (value.is_null()) return nullptr;
  switch (kind) {
    case ColumnKind::Integer:
      if (value.is_number_integer()) return value.get<std::int64_t>();
      if (value.is_number()) return value.get<double>();
      break;
    case ColumnKind::Float:
      if (value.is_number()) return value.get<double>();
      break;
    case ColumnKind::Boolean:
      if (value.is_boolean()) return std::int64_t{value.get<bool>() ? 1 : 0};
      break;
    case ColumnKind::Json: return value.dump();
    case ColumnKind::Text:
    case ColumnKind::Decimal:
    case ColumnKind::Date:
    case ColumnKind::DateTime: break;
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string sql_name(std::string_view name) { return enclosed(name, '"'); }

std::string sql_literal(std::string_view text) { return enclosed(text, '\''); }

std::string stored_instant(std::string text) {
  if (text.size() > 19 && text[10] == ' ') {
    text[10] = 'T';
    if (text.ends_with("+00")) {
      text.replace(text.size() - 3, 3, "Z");
    } else if (text.find_first_of("+-", 19) == std::string::npos) {
      text += 'Z';
    }
  }
  return utc_datetime(text).value_or(text);
}

class SqlStore::Table final : public Repository {
 public:
  Table(SqlStore& store, const EntityDescriptor& entity)
      : store_(store), sql_(*store.connection_), entity_(entity), table_(sql_name(entity.table)), id_kind_(id_kind(entity)), reordered_(sql_.dialect() == Dialect::Postgresql) {
    for (const Column& column : entity.columns) columns_ += (columns_.empty() ? "" : ", ") + sql_name(column.field);
    for (const LinkTable& link : entity.links) {
      const EntityDescriptor* target = referenced_entity(entity, link.field, store.entities_);
      links_.emplace(link.field, Link{sql_name(link.table), target == nullptr ? ColumnKind::Text : id_kind(*target)});
    }
  }

  std::optional<Json> get(const Json& id) override {
    const std::lock_guard guard(store_.lock_);
    std::vector<Json> records = select("WHERE " + sql_name(entity_.id_field) + " = ?", {sql_.column_value(id_kind_, id)});
    if (records.empty()) return std::nullopt;
    return std::move(records.front());
  }

  Page list(const ListQuery& query) override {
    Sql where;
    for (const Condition& condition : query.where) {
      where += where.text.empty() ? "WHERE " : " AND ";
      this->condition(condition, where);
    }
    if (query.search) {
      where += where.text.empty() ? "WHERE (" : " AND (";
      for (std::size_t i = 0; i < query.search->fields.size(); ++i) {
        where += i == 0 ? "" : " OR ";
        (where += sql_.contains(sql_name(query.search->fields[i]))).values.emplace_back(query.search->text);
      }
      where += query.search->fields.empty() ? "1 = 0)" : ")";
    }
    Sql order = where;
    order += " ORDER BY ";
    for (const SortKey& key : query.order) {
      const auto kind = entity_.order.find(key.field);
      if (kind == entity_.order.end() || column_of(entity_, key.field) == nullptr) continue;
      order += sql_name(key.field) + " IS NULL, ";
      ordered(key.field, kind->second, order);
      order += key.descending ? " DESC, " : ", ";
    }
    (order += sql_name(entity_.id_field) + " LIMIT ").parameter(std::max<std::int64_t>(query.limit, 0)) += " OFFSET ";
    order.parameter(std::max<std::int64_t>(query.offset, 0));

    const std::lock_guard guard(store_.lock_);
    Page page;
    const auto count = sql_.query("SELECT count(*) FROM " + table_ + " " + where.text, where.values);
    count->step();
    page.total = count->integer(0);
    page.items = select(order.text, order.values);
    return page;
  }

  void insert(const Json& record) override {
    const std::lock_guard guard(store_.lock_);
    std::string placeholders;
    for (std::size_t i = 0; i < entity_.columns.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
    write("INSERT INTO " + table_ + " (" + columns_ + ") VALUES (" + placeholders + ")", column_values(record));
    write_links(record);
  }

  void replace(const Json& record) override {
    const std::lock_guard guard(store_.lock_);
    std::string assignments;
    for (const Column& column : entity_.columns) assignments += (assignments.empty() ? "" : ", ") + sql_name(column.field) + " = ?";
    std::vector<SqlValue> values = column_values(record);
    values.push_back(sql_.column_value(id_kind_, record.at(entity_.id_field)));
    if (write("UPDATE " + table_ + " SET " + assignments + " WHERE " + sql_name(entity_.id_field) + " = ?", values) == 0) return insert(record);
    write_links(record);
  }

  bool remove(const Json& id) override {
    const std::lock_guard guard(store_.lock_);
    const SqlValue key = sql_.column_value(id_kind_, id);
    for (const auto& [field, link] : links_) write("DELETE FROM " + link.table + " WHERE \"owner\" = ?", {key});
    return write("DELETE FROM " + table_ + " WHERE " + sql_name(entity_.id_field) + " = ?", {key}) > 0;
  }

  std::vector<Json> referencing(const std::string& field, bool many, const Json& id) override {
    Sql where;
    where += "WHERE ";
    condition(Condition{field, many ? Operator::Has : Operator::Equal, id}, where);
    where += " ORDER BY " + sql_name(entity_.id_field);
    const std::lock_guard guard(store_.lock_);
    return select(where.text, where.values);
  }

  std::int64_t next_id() override {
    const std::lock_guard guard(store_.lock_);
    const auto rows = sql_.query("SELECT coalesce(max(" + sql_name(entity_.id_field) + "), 0) + 1 FROM " + table_, {});
    rows->step();
    return rows->integer(0);
  }

 private:
  std::vector<SqlValue> column_values(const Json& record) const {
    std::vector<SqlValue> values;
    values.reserve(entity_.columns.size());
    for (const Column& column : entity_.columns) {
      const auto it = record.find(column.field);
      values.push_back(it == record.end() ? SqlValue(nullptr) : sql_.column_value(column.kind, *it));
    }
    return values;
  }

  // Runs a write and gives the rows it changed; a clash of a unique key or the primary key is a
  // UniqueViolation naming the key's fields.
  std::int64_t write(const std::string& sql, const std::vector<SqlValue>& values) {
    try {
      return sql_.run(sql, values);
    } catch (const Constraint& constraint) {
      if (!constraint.unique()) throw;
      const auto named = entity_.constraints.find(constraint.name());
      std::vector<std::string> fields = named != entity_.constraints.end() ? named->second : clashing_fields(constraint.what());
      if (fields.empty()) fields.push_back(entity_.id_field);
      throw UniqueViolation(entity_.name, std::move(fields));
    }
  }

  void write_links(const Json& record) {
    const SqlValue owner = sql_.column_value(id_kind_, record.at(entity_.id_field));
    for (const auto& [field, link] : links_) {
      write("DELETE FROM " + link.table + " WHERE \"owner\" = ?", {owner});
      const auto items = record.find(field);
      if (items == record.end() || !items->is_array()) continue;
      std::int64_t position = 0;
      for (const Json& target : *items) {
        write("INSERT INTO " + link.table + " (\"owner\", \"position\", \"target\") VALUES (?, ?, ?)", {owner, position++, sql_.column_value(link.target, target)});
      }
    }
  }

  // The records of the rows `rest` (WHERE, ORDER BY...) selects, every field in the order of the
  // entity's fields, lists of references read from their tables.
  std::vector<Json> select(const std::string& rest, const std::vector<SqlValue>& values) {
    std::vector<Json> records;
    {
      const auto rows = sql_.query("SELECT " + columns_ + " FROM " + table_ + " " + rest, values);
      while (rows->step()) {
        Json record = Json::object();
        for (const std::string& field : entity_.fields) record[field] = nullptr;
        for (std::size_t i = 0; i < entity_.columns.size(); ++i) {
          const Column& column = entity_.columns[i];
          Json value = rows->column(static_cast<int>(i), column.kind);
          record[column.field] = column.type != nullptr && reordered_ ? in_declared_order(*column.type, std::move(value)) : std::move(value);
        }
        records.push_back(std::move(record));
      }
    }
    for (const auto& [field, link] : links_) {
      for (Json& record : records) {
        Json items = Json::array();
        const auto rows = sql_.query("SELECT \"target\" FROM " + link.table + " WHERE \"owner\" = ? ORDER BY \"position\"",
                                     {sql_.column_value(id_kind_, record.at(entity_.id_field))});
        while (rows->step()) items.push_back(rows->column(0, link.target));
        record[field] = std::move(items);
      }
    }
    return records;
  }

  // The value of a column as it orders: decimals and date-times by value and text by its bytes
  // (the dialect says how), enum values by their position in the declaration.
  void ordered(const std::string& field, const OrderKind& kind, Sql& sql) const {
    if (kind.kind != OrderKind::Kind::Enum) {
      sql += sql_.ordered(table_ + "." + sql_name(field), kind.kind);
      return;
    }
    sql += "CASE " + table_ + "." + sql_name(field);
    for (std::size_t i = 0; i < kind.values.size(); ++i) {
      (sql += " WHEN ").parameter(kind.values[i]) += " THEN " + std::to_string(i);
    }
    sql += " ELSE " + std::to_string(kind.values.size()) + " END";
  }

  void condition(const Condition& condition, Sql& sql) const {
    const auto link = links_.find(condition.field);
    if (link != links_.end()) {  // a list of references: only `has` applies
      (sql += "EXISTS (SELECT 1 FROM " + link->second.table + " WHERE \"owner\" = " + table_ + "." + sql_name(entity_.id_field) + " AND \"target\" = ")
          .parameter(sql_.column_value(link->second.target, condition.value)) += ")";
      return;
    }
    const Column* column = column_of(entity_, condition.field);
    if (column == nullptr) throw std::logic_error(entity_.name + " has no column " + condition.field);
    const std::string name = table_ + "." + sql_name(condition.field);
    switch (condition.op) {
      case Operator::Absent: sql += name + " IS NULL"; return;
      case Operator::Has: (sql += sql_.json_list_has(name)).values.push_back(sql_.json_element(condition.value)); return;
      case Operator::AnyOf:
        sql += name + " IN (";
        for (std::size_t i = 0; i < condition.value.size(); ++i) {
          sql += i == 0 ? "" : ", ";
          sql.parameter(sql_.column_value(column->kind, condition.value[i]));
        }
        sql += ")";
        return;
      default: break;
    }
    const auto kind = entity_.order.find(condition.field);
    SqlValue value = sql_.column_value(column->kind, condition.value);
    if (kind == entity_.order.end()) {
      if (condition.op != Operator::Equal) throw std::logic_error(condition.field + " has no order");
      sql += name + " = ";
    } else {
      ordered(condition.field, kind->second, sql);
      sql += condition.op == Operator::Equal     ? " = "
             : condition.op == Operator::AtLeast ? " >= "
             : condition.op == Operator::Above   ? " > "
             : condition.op == Operator::AtMost  ? " <= "
                                                 : " < ";
      if (kind->second.kind == OrderKind::Kind::Enum) {
        const auto& values = kind->second.values;
        const auto position = std::find(values.begin(), values.end(), condition.value.is_string() ? condition.value.get<std::string>() : "");
        value = static_cast<std::int64_t>(position - values.begin());
      }
    }
    sql.parameter(std::move(value));
  }

  SqlStore& store_;
  SqlConnection& sql_;
  const EntityDescriptor& entity_;
  std::string table_;    // the table's name in SQL
  std::string columns_;  // every column, in order, for SELECT and INSERT
  // A list of references: its table's name in SQL, and how its targets' ids are kept.
  struct Link {
    std::string table;
    ColumnKind target;
  };
  std::map<std::string, Link, std::less<>> links_;  // by field
  ColumnKind id_kind_;
  bool reordered_;  // whether JSON comes back with its members in an order of the database's
};

SqlStore::SqlStore(std::unique_ptr<SqlConnection> connection, std::vector<const EntityDescriptor*> entities, const SqlSchema& schema,
                   const std::string& migrations)
    : connection_(std::move(connection)), entities_(std::move(entities)) {
  update_schema(*connection_, connection_->dialect() == Dialect::Sqlite ? schema.sqlite : schema.postgresql, migrations);
}

SqlStore::~SqlStore() = default;

Repository& SqlStore::repository(const EntityDescriptor& entity) {
  const std::lock_guard guard(lock_);
  auto it = tables_.find(entity.name);
  if (it == tables_.end()) it = tables_.emplace(entity.name, std::make_unique<Table>(*this, entity)).first;
  return *it->second;
}

void SqlStore::transaction(const std::function<void()>& work) {
  const std::lock_guard guard(lock_);
  if (in_transaction_) return work();  // nested: part of the outer one
  connection_->begin();
  in_transaction_ = true;
  try {
    work();
    in_transaction_ = false;
    connection_->execute("COMMIT");
  } catch (...) {
    in_transaction_ = false;
    connection_->rollback();
    throw;
  }
}

void SqlStore::append_outbox(const Event& event) {
  const std::lock_guard guard(lock_);
  connection_->run("INSERT INTO \"bpc_outbox\" (\"id\", \"name\", \"occurred_at\", \"payload\", \"correlation_id\") VALUES (?, ?, ?, ?, ?)",
                   {event.id, event.name, event.occurred_at, event.payload.dump(),
                    event.correlation_id.empty() ? SqlValue(nullptr) : SqlValue(event.correlation_id)});
}

std::vector<Event> SqlStore::outbox() {
  const std::lock_guard guard(lock_);
  std::vector<Event> out;
  const auto rows = connection_->query("SELECT \"id\", \"name\", \"occurred_at\", \"payload\", \"correlation_id\" FROM \"bpc_outbox\" ORDER BY " + connection_->outbox_order(), {});
  while (rows->step()) {
    const Json correlation = rows->column(4, ColumnKind::Text);
    out.push_back(Event{rows->column(0, ColumnKind::Text).get<std::string>(), rows->column(1, ColumnKind::Text).get<std::string>(),
                        rows->column(2, ColumnKind::Text).get<std::string>(), rows->column(3, ColumnKind::Json),
                        correlation.is_string() ? correlation.get<std::string>() : std::string()});
  }
  return out;
}

std::unique_ptr<Store> open_store(const std::string& database, const std::vector<const EntityDescriptor*>& entities, const SqlSchema& schema,
                                  const std::string& migrations) {
  if (database.empty()) return std::make_unique<MemoryStore>();
  const bool postgresql = database.starts_with("postgresql://") || database.starts_with("postgres://");
  return std::make_unique<SqlStore>(postgresql ? open_postgresql(database) : open_sqlite(database), entities, schema, migrations);
}

}  // namespace bpc::runtime
