#include "bpc/runtime/sqlite_store.h"

#include <algorithm>

#include "sqlite_connection.h"
#include "sqlite_schema.h"

namespace bpc::runtime {

namespace {

using Statement = SqliteStore::Connection::Statement;

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

// The fields of "UNIQUE constraint failed: Entity.a, Entity.b".
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

}  // namespace

class SqliteStore::Table final : public Repository {
 public:
  Table(SqliteStore& store, const EntityDescriptor& entity)
      : store_(store), entity_(entity), table_(sql_name(entity.name)), id_kind_(id_kind(entity)) {
    for (const Column& column : entity.columns) columns_ += (columns_.empty() ? "" : ", ") + sql_name(column.field);
    for (const std::string& field : entity.links) {
      const EntityDescriptor* target = referenced_entity(entity, field, store.entities_);
      links_.emplace(field, Link{sql_name(store.names_->link(entity, field)), target == nullptr ? ColumnKind::Text : id_kind(*target)});
    }
  }

  std::optional<Json> get(const Json& id) override {
    const std::lock_guard guard(store_.lock_);
    std::vector<Json> records = select("WHERE " + sql_name(entity_.id_field) + " = ?", {to_column(id_kind_, id)});
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
        (where += "bpc_contains(" + sql_name(query.search->fields[i]) + ", ").parameter(query.search->text) += ")";
      }
      where += query.search->fields.empty() ? "0)" : ")";
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
    Statement count = store_.connection_->prepare("SELECT count(*) FROM " + table_ + " " + where.text);
    count.bind(where.values).step();
    page.total = count.integer(0);
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
    values.push_back(to_column(id_kind_, record.at(entity_.id_field)));
    write("UPDATE " + table_ + " SET " + assignments + " WHERE " + sql_name(entity_.id_field) + " = ?", values);
    if (store_.connection_->changes() == 0) return insert(record);
    write_links(record);
  }

  bool remove(const Json& id) override {
    const std::lock_guard guard(store_.lock_);
    const SqlValue key = to_column(id_kind_, id);
    for (const auto& [field, link] : links_) write("DELETE FROM " + link.table + " WHERE \"owner\" = ?", {key});
    write("DELETE FROM " + table_ + " WHERE " + sql_name(entity_.id_field) + " = ?", {key});
    return store_.connection_->changes() > 0;
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
    Statement statement = store_.connection_->prepare("SELECT coalesce(max(" + sql_name(entity_.id_field) + "), 0) + 1 FROM " + table_);
    statement.step();
    return statement.integer(0);
  }

 private:
  std::vector<SqlValue> column_values(const Json& record) const {
    std::vector<SqlValue> values;
    values.reserve(entity_.columns.size());
    for (const Column& column : entity_.columns) {
      const auto it = record.find(column.field);
      values.push_back(it == record.end() ? SqlValue(nullptr) : to_column(column.kind, *it));
    }
    return values;
  }

  // Runs a write; a clash of a unique key or the primary key is a UniqueViolation.
  void write(const std::string& sql, const std::vector<SqlValue>& values) {
    try {
      store_.connection_->prepare(sql).bind(values).step();
    } catch (const Constraint& constraint) {
      if (!constraint.unique()) throw;
      std::vector<std::string> fields = clashing_fields(constraint.what());
      if (fields.empty()) fields.push_back(entity_.id_field);
      throw UniqueViolation(entity_.name, std::move(fields));
    }
  }

  void write_links(const Json& record) {
    const SqlValue owner = to_column(id_kind_, record.at(entity_.id_field));
    for (const auto& [field, link] : links_) {
      write("DELETE FROM " + link.table + " WHERE \"owner\" = ?", {owner});
      const auto items = record.find(field);
      if (items == record.end() || !items->is_array()) continue;
      std::int64_t position = 0;
      for (const Json& target : *items) {
        write("INSERT INTO " + link.table + " (\"owner\", \"position\", \"target\") VALUES (?, ?, ?)", {owner, position++, to_json_scalar(target)});
      }
    }
  }

  // The records of the rows `rest` (WHERE, ORDER BY...) selects, every field in the order of the
  // entity's fields, lists of references read from their tables.
  std::vector<Json> select(const std::string& rest, const std::vector<SqlValue>& values) {
    std::vector<Json> records;
    {
      Statement statement = store_.connection_->prepare("SELECT " + columns_ + " FROM " + table_ + " " + rest);
      statement.bind(values);
      while (statement.step()) {
        Json record = Json::object();
        for (const std::string& field : entity_.fields) record[field] = nullptr;
        for (std::size_t i = 0; i < entity_.columns.size(); ++i) {
          record[entity_.columns[i].field] = statement.column(static_cast<int>(i), entity_.columns[i].kind);
        }
        records.push_back(std::move(record));
      }
    }
    for (const auto& [field, link] : links_) {
      for (Json& record : records) {
        Json items = Json::array();
        Statement statement = store_.connection_->prepare("SELECT \"target\" FROM " + link.table + " WHERE \"owner\" = ? ORDER BY \"position\"");
        statement.bind({to_column(id_kind_, record.at(entity_.id_field))});
        while (statement.step()) items.push_back(statement.column(0, link.target));
        record[field] = std::move(items);
      }
    }
    return records;
  }

  // The value of a column as it orders: decimals and datetimes through their collations, enum
  // values by their position in the declaration.
  static void ordered(const std::string& field, const OrderKind& kind, Sql& sql) {
    switch (kind.kind) {
      case OrderKind::Kind::Decimal: sql += sql_name(field) + " COLLATE bpc_decimal"; return;
      case OrderKind::Kind::DateTime: sql += sql_name(field) + " COLLATE bpc_datetime"; return;
      case OrderKind::Kind::Enum:
        sql += "CASE " + sql_name(field);
        for (std::size_t i = 0; i < kind.values.size(); ++i) {
          (sql += " WHEN ").parameter(kind.values[i]) += " THEN " + std::to_string(i);
        }
        sql += " ELSE " + std::to_string(kind.values.size()) + " END";
        return;
      default: sql += sql_name(field); return;
    }
  }

  void condition(const Condition& condition, Sql& sql) const {
    const auto link = links_.find(condition.field);
    if (link != links_.end()) {  // a list of references: only `has` applies
      (sql += "EXISTS (SELECT 1 FROM " + link->second.table + " WHERE \"owner\" = " + table_ + "." + sql_name(entity_.id_field) + " AND \"target\" = ")
          .parameter(to_json_scalar(condition.value)) += ")";
      return;
    }
    const Column* column = column_of(entity_, condition.field);
    if (column == nullptr) throw std::logic_error(entity_.name + " has no column " + condition.field);
    const std::string name = sql_name(condition.field);
    switch (condition.op) {
      case Operator::Absent: sql += name + " IS NULL"; return;
      case Operator::Has:
        (sql += "EXISTS (SELECT 1 FROM json_each(" + table_ + "." + name + ") WHERE value = ").parameter(to_json_scalar(condition.value)) += ")";
        return;
      case Operator::AnyOf:
        sql += name + " IN (";
        for (std::size_t i = 0; i < condition.value.size(); ++i) {
          sql += i == 0 ? "" : ", ";
          sql.parameter(to_column(column->kind, condition.value[i]));
        }
        sql += ")";
        return;
      default: break;
    }
    const auto kind = entity_.order.find(condition.field);
    SqlValue value = to_column(column->kind, condition.value);
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

  SqliteStore& store_;
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
};

SqliteStore::SqliteStore(const std::string& path, const std::vector<const EntityDescriptor*>& entities)
    : connection_(std::make_unique<Connection>(path)), entities_(entities), names_(std::make_unique<const TableNames>(table_names(entities))) {
  connection_->execute("BEGIN IMMEDIATE");
  try {
    for (const std::string& statement : schema_statements(entities, *names_)) connection_->execute(statement);
    // An outbox made before events carried correlation ids gets the column.
    Statement columns = connection_->prepare("SELECT 1 FROM pragma_table_info(?) WHERE \"name\" = 'correlation_id'");
    if (!columns.bind({names_->outbox}).step()) connection_->execute("ALTER TABLE " + sql_name(names_->outbox) + " ADD COLUMN \"correlation_id\" TEXT");
    connection_->execute("COMMIT");
  } catch (...) {
    connection_->rollback();
    throw;
  }
}

SqliteStore::~SqliteStore() = default;

Repository& SqliteStore::repository(const EntityDescriptor& entity) {
  const std::lock_guard guard(lock_);
  auto it = tables_.find(entity.name);
  if (it == tables_.end()) it = tables_.emplace(entity.name, std::make_unique<Table>(*this, entity)).first;
  return *it->second;
}

void SqliteStore::transaction(const std::function<void()>& work) {
  const std::lock_guard guard(lock_);
  if (in_transaction_) return work();  // nested: part of the outer one
  connection_->execute("BEGIN IMMEDIATE");
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

void SqliteStore::append_outbox(const Event& event) {
  const std::lock_guard guard(lock_);
  connection_->prepare("INSERT INTO " + sql_name(names_->outbox) + " (\"id\", \"name\", \"occurred_at\", \"payload\", \"correlation_id\") VALUES (?, ?, ?, ?, ?)")
      .bind({event.id, event.name, event.occurred_at, event.payload.dump(), event.correlation_id.empty() ? SqlValue(nullptr) : SqlValue(event.correlation_id)})
      .step();
}

std::vector<Event> SqliteStore::outbox() {
  const std::lock_guard guard(lock_);
  std::vector<Event> out;
  Statement statement = connection_->prepare("SELECT \"id\", \"name\", \"occurred_at\", \"payload\", \"correlation_id\" FROM " + sql_name(names_->outbox) +
                                             " ORDER BY \"position\"");
  while (statement.step()) {
    out.push_back(Event{statement.column(0, ColumnKind::Text).get<std::string>(), statement.column(1, ColumnKind::Text).get<std::string>(),
                        statement.column(2, ColumnKind::Text).get<std::string>(), statement.column(3, ColumnKind::Json),
                        statement.column(4, ColumnKind::Text).is_string() ? statement.column(4, ColumnKind::Text).get<std::string>() : std::string()});
  }
  return out;
}

}  // namespace bpc::runtime
