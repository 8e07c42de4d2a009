#include "migrations.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "bpc/runtime/events.h"
#include "digest.h"

namespace bpc::runtime {

namespace {

struct Script {
  std::array<long, 3> version{};
  std::string name{};
  std::filesystem::path path{};
};

// The version of `v1.2.3.sql` (or `v1.2.3-rc.1.sql`); none for any other name.
std::optional<std::array<long, 3>> version_of(const std::string& name) {
  if (!name.starts_with('v')) return std::nullopt;
  std::array<long, 3> version{};
  const char* at = name.data() + 1;
  const char* end = name.data() + name.size();
  for (std::size_t part = 0; part < version.size(); ++part) {
    const auto [next, error] = std::from_chars(at, end, version.at(part));
    if (error != std::errc() || (part < 2 && (next == end || *next != '.'))) return std::nullopt;
    at = next + (part < 2 ? 1 : 0);
  }
  return version;
}

// The scripts of the dialect's folder in version order.
std::vector<Script> scripts_in(const std::string& folder, std::string_view dialect) {
  std::vector<Script> out;
  if (folder.empty()) return out;
  const std::filesystem::path directory = std::filesystem::path(folder) / dialect;
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    const auto version = version_of(name);
    if (!version) throw MigrationError("migration " + name + " is not named v<major>.<minor>.<patch>.sql");
    out.push_back({*version, name, entry.path()});
  }
  std::sort(out.begin(), out.end(), [](const Script& a, const Script& b) { return std::tie(a.version, a.name) < std::tie(b.version, b.name); });
  return out;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationError("cannot read migration " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string record(const std::string& name, const std::string& digest) {
  return "INSERT INTO \"bpc_migrations\" (\"name\", \"sha256\", \"applied_at\") VALUES (" + sql_literal(name) + ", " + sql_literal(digest) + ", " +
         sql_literal(now_utc()) + ");\n";
}

// The script with its own record added inside its transaction (before its last COMMIT).
std::string recorded(const std::string& script, const std::string& name, const std::string& digest) {
  const std::size_t at = script.rfind("COMMIT;");
  if (at == std::string::npos) throw MigrationError("migration " + name + " has no COMMIT: it was not written by bpc migrate");
  return script.substr(0, at) + record(name, digest) + script.substr(at);
}

// Makes the tables the database does not have (every one when `all`), then their foreign keys,
// and the outbox.
void make_tables(SqlConnection& connection, const std::vector<TableSchema>& tables, bool all) {
  std::vector<const TableSchema*> made;
  for (const TableSchema& table : tables) {
    if (!all && connection.has_table(table.name)) continue;
    for (const std::string& statement : table.statements) connection.execute(statement);
    made.push_back(&table);
  }
  for (const TableSchema* table : made) {
    for (const std::string& statement : table->foreign_keys) connection.execute(statement);
  }
  for (const std::string& statement : connection.outbox_table()) connection.execute(statement);
  // An SQLite outbox made before events carried correlation ids gets the column.
  if (connection.dialect() == Dialect::Sqlite &&
      !connection.query("SELECT 1 FROM pragma_table_info('bpc_outbox') WHERE \"name\" = 'correlation_id'", {})->step()) {
    connection.execute("ALTER TABLE \"bpc_outbox\" ADD COLUMN \"correlation_id\" VARCHAR(128)");
  }
}

template <typename Work>
void in_transaction(SqlConnection& connection, const Work& work) {
  connection.begin();
  try {
    work();
    connection.execute("COMMIT");
  } catch (...) {
    connection.rollback();
    throw;
  }
}

}  // namespace

void update_schema(SqlConnection& connection, const std::vector<TableSchema>& tables, const std::string& folder) {
  const std::vector<Script> scripts = scripts_in(folder, connection.dialect_name());
  std::map<std::string, std::string, std::less<>> applied;  // name -> SHA-256
  bool fresh = true;
  in_transaction(connection, [&] {
    connection.execute("CREATE TABLE IF NOT EXISTS \"bpc_migrations\" (\"name\" TEXT PRIMARY KEY, \"sha256\" TEXT NOT NULL, \"applied_at\" TEXT NOT NULL)");
    const auto rows = connection.query("SELECT \"name\", \"sha256\" FROM \"bpc_migrations\"", {});
    while (rows->step()) applied.emplace(rows->column(0, ColumnKind::Text).get<std::string>(), rows->column(1, ColumnKind::Text).get<std::string>());
    fresh = std::none_of(tables.begin(), tables.end(), [&](const TableSchema& table) { return connection.has_table(table.name); });
    if (!fresh) return;
    make_tables(connection, tables, true);
    for (const Script& script : scripts) {
      if (!applied.contains(script.name)) connection.execute(record(script.name, sha256_hex(read(script.path))));
    }
  });
  if (fresh) return;
  for (const Script& script : scripts) {
    const std::string text = read(script.path);
    const std::string digest = sha256_hex(text);
    const auto it = applied.find(script.name);
    if (it != applied.end()) {
      if (it->second != digest) throw MigrationError("migration " + script.name + " changed after it was applied to this database");
      continue;
    }
    try {
      connection.execute(recorded(text, script.name, digest));
    } catch (const MigrationError&) {
      throw;
    } catch (const std::exception& error) {
      connection.rollback();
      if (connection.dialect() == Dialect::Sqlite) connection.execute("PRAGMA foreign_keys = ON");  // the script switched them off
      throw MigrationError("migration " + script.name + " failed, and nothing of it was applied: " + error.what());
    }
  }
  in_transaction(connection, [&] { make_tables(connection, tables, false); });
}

}  // namespace bpc::runtime
