#include "backends/service_model/relational_schema.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "backends/support/naming.h"
#include "backends/support/wire_json.h"

namespace bpc::backends::service {

namespace {

// An RFC 3339 date-time as a literal both stores read from either database: UTC to the
// microsecond, spelt as SQLAlchemy keeps date-times in SQLite with the offset PostgreSQL needs to
// read it as an instant (`'2024-05-01 07:30:00.000000+00:00'`); nullopt for other text.
std::optional<std::string> sql_instant(std::string_view text) {
  const auto number = [&](std::size_t at, std::size_t size) -> int {
    int out = 0;
    for (std::size_t i = at; i < at + size; ++i) {
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
      out = out * 10 + (text[i] - '0');
    }
    return out;
  };
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2), hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  std::size_t at = 19;
  std::string micros = "000000";
  if (at < text.size() && text[at] == '.') {
    std::size_t digits = 0;
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++digits) {
      if (digits < micros.size()) micros[digits] = text[at];
    }
    if (digits == 0) return std::nullopt;
  }
  int offset = 0;  // minutes east of UTC
  const std::string_view zone = text.substr(at);
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && number(at + 1, 2) >= 0 && number(at + 4, 2) >= 0) {
    offset = (number(at + 1, 2) * 60 + number(at + 4, 2)) * (zone[0] == '-' ? -1 : 1);
  } else if (zone != "Z" && zone != "z") {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)), std::chrono::day(static_cast<unsigned>(day))};
  if (year < 0 || month < 0 || day < 0 || !date.ok() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  const sys_seconds utc = sys_days(date) + hours(hour) + minutes(minute - offset) + seconds(second);
  const sys_days utc_day = floor<days>(utc);
  const year_month_day utc_date(utc_day);
  const hh_mm_ss<seconds> time(utc - utc_day);
  if (static_cast<int>(utc_date.year()) < 1 || static_cast<int>(utc_date.year()) > 9999) return std::nullopt;
  return fmt::format("'{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{}+00:00'", static_cast<int>(utc_date.year()), static_cast<unsigned>(utc_date.month()),
                     static_cast<unsigned>(utc_date.day()), time.hours().count(), time.minutes().count(), time.seconds().count(), micros);
}

class SchemaBuilder {
 public:
  explicit SchemaBuilder(const ServiceModel& model) : s_(model), m_(model.module()) {}

  RelationalSchema build() {
    // Table names: the entities' names in snake_case, made distinct (and never the outbox's).
    Namer namer(Target::Python);
    std::vector<std::string> entity_names;
    for (const ir::Entity& e : m_.entities) entity_names.push_back(e.name);
    static constexpr std::string_view kTables[] = {"bpc_outbox"};
    namer.define("tables", entity_names, Case::Snake, NameKind::Value, kTables);
    for (const ir::Entity& e : m_.entities) {
      tables_.push_back(namer.get("tables", e.name));
      taken_.insert(tables_.back());
    }
    std::vector<SqlTable> tables;
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) entity_tables(ir::EntityId{i}, tables);
    return RelationalSchema(std::move(tables));
  }

 private:
  SqlType type_of(ir::FieldId f) const {
    switch (s_.column_kind(f)) {
      case ColumnKind::Integer: return SqlType::BigInteger;
      case ColumnKind::Float: return SqlType::Double;
      case ColumnKind::Boolean: return SqlType::Boolean;
      case ColumnKind::Date: return SqlType::Date;
      case ColumnKind::DateTime: return SqlType::DateTime;
      case ColumnKind::Json: return SqlType::Json;
      case ColumnKind::Decimal:
      case ColumnKind::Text: break;
    }
    const ir::Type& type = s_.base(m_.field(f).type);
    if (type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Uuid) return SqlType::Uuid;
    if (type.kind == ir::Type::Kind::Entity) {
      const ir::FieldId id = m_.entities[type.declaration].id_field;
      const ir::Type& id_type = s_.base(m_.field(id).type);
      if (id_type.kind == ir::Type::Kind::Scalar && id_type.scalar == ir::Scalar::Uuid) return SqlType::Uuid;
    }
    return SqlType::Text;
  }

  std::optional<std::string> default_sql(ir::FieldId f, SqlType type) const {
    const ir::Value* value = s_.default_of(m_.field(f));
    if (value == nullptr || value->kind == ir::Value::Kind::Null) return std::nullopt;
    if (type == SqlType::DateTime) return value->kind == ir::Value::Kind::String ? sql_instant(value->text) : std::nullopt;
    if (type == SqlType::Json) return sql_string(wire_json(m_, *value, s_.base(m_.field(f).type)).dump());
    switch (value->kind) {
      case ir::Value::Kind::Bool: return std::string(value->boolean ? "TRUE" : "FALSE");
      case ir::Value::Kind::Integer:
        return type == SqlType::Text ? sql_string(std::to_string(value->integer)) : std::to_string(value->integer);
      case ir::Value::Kind::Number: return type == SqlType::Text ? sql_string(value->text) : value->text;
      case ir::Value::Kind::String: return sql_string(value->text);
      case ir::Value::Kind::Name: {
        const ir::Type& t = s_.base(m_.field(f).type);
        if (t.kind != ir::Type::Kind::Enum) return std::nullopt;
        return sql_string(ir::wire_name(m_.enums[t.declaration], value->text));
      }
      default: return std::nullopt;
    }
  }

  SqlColumn column(ir::FieldId f) const {
    const ir::Field& field = m_.field(f);
    SqlColumn c{.name = field.name, .type = type_of(f), .nullable = s_.is_optional(field.type)};
    c.default_sql = default_sql(f, c.type);
    if (const ir::Type& t = s_.base(field.type); t.kind == ir::Type::Kind::Enum) {
      const ir::Enum& e = m_.enums[t.declaration];
      c.enum_name = e.name;
      for (const ir::EnumValue& v : e.values) c.enum_values.emplace_back(ir::wire_name(v));
    }
    return c;
  }

  void entity_tables(ir::EntityId id, std::vector<SqlTable>& tables) {
    const ir::Entity& e = m_.entity(id);
    const EntityFacts& facts = s_.entity(id);
    SqlTable table{.name = tables_[id.index], .entity = e.name};
    std::vector<SqlTable> links;
    // Filtered fields are indexed, and so are the `@tenant` and `@owner` fields: every query of a
    // scoped entity names them.
    std::set<std::uint32_t> filtered;
    for (ir::FieldId f : facts.filters) filtered.insert(f.index);
    for (ir::FieldId f : {facts.tenant, facts.owner}) {
      if (!f.is_none()) filtered.insert(f.index);
    }
    for (ir::FieldId f : facts.stored) {
      const ir::Field& field = m_.field(f);
      if (s_.is_reference_list(f) && !s_.is_optional(field.type)) {
        links.push_back(link_table(id, f));
        continue;
      }
      table.columns.push_back(column(f));
      if (f == e.id_field) table.primary_key.push_back(field.name);
      if (const ir::Relation* relation = s_.reference(f); relation != nullptr && !relation->many) {
        table.foreign_keys.push_back({.column = field.name, .table = tables_[relation->target.index],
                                      .target_column = m_.field(m_.entity(relation->target).id_field).name});
      }
      if (field.constraints->unique && f != e.id_field) {
        table.keys.push_back({.columns = {field.name}, .unique = true});
      } else if (filtered.contains(f.index)) {
        table.keys.push_back({.columns = {field.name}, .unique = false});
      }
    }
    for (const ir::Key& key : e.keys) {
      SqlKey k{.unique = key.unique, .declared = true};
      for (ir::FieldId f : key.fields) k.columns.push_back(m_.field(f).name);
      table.keys.push_back(std::move(k));
    }
    tables.push_back(std::move(table));
    for (SqlTable& link : links) tables.push_back(std::move(link));
  }

  SqlTable link_table(ir::EntityId owner, ir::FieldId f) {
    std::string name = fmt::format("{}__{}", tables_[owner.index], to_snake_case(m_.field(f).name));
    while (!taken_.insert(name).second) name += "_";
    const ir::EntityId target = s_.referenced_entity(f);
    const ir::FieldId owner_id = m_.entity(owner).id_field;
    const ir::FieldId target_id = m_.entity(target).id_field;
    SqlTable table{.name = name, .entity = m_.entity(owner).name, .link = m_.field(f).name};
    table.columns = {{.name = "owner", .type = type_of(owner_id)},
                     {.name = "position", .type = SqlType::BigInteger},
                     {.name = "target", .type = type_of(target_id)}};
    table.primary_key = {"owner", "position"};
    table.foreign_keys = {{.column = "owner", .table = tables_[owner.index], .target_column = m_.field(owner_id).name, .cascade = true},
                          {.column = "target", .table = tables_[target.index], .target_column = m_.field(target_id).name}};
    table.keys = {{.columns = {"target"}, .unique = false}};
    return table;
  }

  const ServiceModel& s_;
  const ir::Module& m_;
  std::vector<std::string> tables_;  // by entity
  std::set<std::string, std::less<>> taken_;
};

std::string md5_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < length; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

// SQLAlchemy's shortening of a convention name longer than the dialect allows.
std::string shortened(std::string name, SqlDialect dialect) {
  constexpr std::size_t kPostgresqlLimit = 63;
  if (dialect == SqlDialect::Postgresql && name.size() > kPostgresqlLimit) {
    name = name.substr(0, kPostgresqlLimit - 8) + "_" + md5_hex(name).substr(28);
  }
  return name;
}

// `text` between two `quote`s, each `quote` in it doubled: SQL's one escape in literals and names.
std::string enclosed(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

std::string joined(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : "_") + c;
  return out;
}

}  // namespace

const SqlColumn* SqlTable::column(std::string_view name) const {
  const auto it = std::find_if(columns.begin(), columns.end(), [&](const SqlColumn& c) { return c.name == name; });
  return it == columns.end() ? nullptr : &*it;
}

RelationalSchema::RelationalSchema(std::vector<SqlTable> tables) : tables_(std::move(tables)) {
  for (std::size_t i = 0; i < tables_.size(); ++i) {
    by_name_.emplace(tables_[i].name, i);
    by_owner_.emplace(std::pair{tables_[i].entity, tables_[i].link}, i);
  }
}

const SqlTable* RelationalSchema::table(std::string_view name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &tables_[it->second];
}

const SqlTable* RelationalSchema::entity_table(std::string_view entity) const { return link_table(entity, ""); }

const SqlTable* RelationalSchema::link_table(std::string_view entity, std::string_view field) const {
  const auto it = by_owner_.find(std::pair{std::string(entity), std::string(field)});
  return it == by_owner_.end() ? nullptr : &tables_[it->second];
}

RelationalSchema relational_schema(const ServiceModel& model) { return SchemaBuilder(model).build(); }

std::string sql_type_name(SqlType type, SqlDialect dialect) {
  const bool pg = dialect == SqlDialect::Postgresql;
  switch (type) {
    case SqlType::Text: return "TEXT";
    case SqlType::Uuid: return "VARCHAR(36)";
    case SqlType::BigInteger: return "BIGINT";
    case SqlType::Double: return pg ? "DOUBLE PRECISION" : "DOUBLE";
    case SqlType::Boolean: return "BOOLEAN";
    case SqlType::Date: return "DATE";
    case SqlType::DateTime: return pg ? "TIMESTAMP WITH TIME ZONE" : "DATETIME";
    case SqlType::Json: return pg ? "JSONB" : "JSON";
  }
  return "TEXT";
}

std::string sql_string(std::string_view text) { return enclosed(text, '\''); }

std::string sql_identifier(std::string_view name) { return enclosed(name, '"'); }

std::string primary_key_name(const SqlTable& table, SqlDialect dialect) { return shortened("pk_" + table.name, dialect); }

std::string foreign_key_name(const SqlTable& table, const SqlForeignKey& key, SqlDialect dialect) {
  return shortened(fmt::format("fk_{}_{}", table.name, key.column), dialect);
}

std::string key_name(const SqlTable& table, const SqlKey& key, SqlDialect dialect) {
  return shortened(fmt::format("{}_{}_{}", key.unique ? "uq" : "ix", table.name, joined(key.columns)), dialect);
}

}  // namespace bpc::backends::service
