#include "backends/service_model/migration.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace bpc::backends::service {

namespace {

std::string quoted(std::string_view name) { return sql_identifier(name); }

std::string column_list(const std::vector<std::string>& columns) {
  std::vector<std::string> names;
  for (const std::string& c : columns) names.push_back(quoted(c));
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string foreign_key_clause(const SqlForeignKey& key) {
  return fmt::format("FOREIGN KEY ({}) REFERENCES {} ({}){}", quoted(key.column), quoted(key.table), quoted(key.target_column),
                     key.cascade ? " ON DELETE CASCADE" : " DEFERRABLE INITIALLY DEFERRED");
}

class Planner {
 public:
  Planner(const RelationalSchema& before, const RelationalSchema& after, const MigrationOptions& options, DiagnosticEngine& diagnostics,
          const MigrationLocator& locate)
      : before_(before), after_(after), options_(options), dialect_(options.dialect), diagnostics_(diagnostics), locate_(locate) {}

  Migration plan() {
    check_hints();
    if (!migration_.refused) {
      match_tables();
      if (dialect_ == SqlDialect::Sqlite) {
        plan_sqlite();
      } else {
        plan_postgresql();
      }
      enum_values();
    }
    if (migration_.refused) migration_.statements.clear();
    return std::move(migration_);
  }

 private:
  // ---- names across versions -------------------------------------------------------------------

  std::string new_entity(std::string_view old_entity) const {
    const auto it = options_.renames.entities.find(old_entity);
    return it == options_.renames.entities.end() ? std::string(old_entity) : it->second;
  }

  std::string new_member(std::string_view owner, std::string_view old_member) const {
    const auto owner_it = options_.renames.members.find(owner);
    if (owner_it == options_.renames.members.end()) return std::string(old_member);
    const auto it = owner_it->second.find(old_member);
    return it == owner_it->second.end() ? std::string(old_member) : it->second;
  }

  // The new name of an old table's column (link tables' columns keep theirs).
  std::string new_column(const SqlTable& old_table, std::string_view column) const {
    return old_table.link.empty() ? new_member(old_table.entity, column) : std::string(column);
  }

  // The column of an old table that becomes the new table's column `name`, or null when it is new.
  const SqlColumn* predecessor(const SqlTable& old_table, std::string_view name) const {
    for (const SqlColumn& c : old_table.columns) {
      if (new_column(old_table, c.name) == name) return &c;
    }
    return nullptr;
  }

  // The new name of an old table (the one the new schema has for its entity or link), or empty.
  const SqlTable* successor(const SqlTable& old_table) const {
    const std::string entity = new_entity(old_table.entity);
    if (old_table.link.empty()) return after_.entity_table(entity);
    return after_.link_table(entity, new_member(old_table.entity, old_table.link));
  }

  void refuse() { migration_.refused = true; }

  void check_hints() {
    for (const auto& [old_name, new_name] : options_.renames.entities) {
      if (before_.entity_table(old_name) == nullptr) {
        hint_error(fmt::format("{}={}", old_name, new_name), fmt::format("the old version has no entity `{}`", old_name));
      } else if (after_.entity_table(new_name) == nullptr) {
        hint_error(fmt::format("{}={}", old_name, new_name), fmt::format("the new version has no entity `{}`", new_name));
      } else if (before_.entity_table(new_name) != nullptr && !options_.renames.entities.contains(new_name)) {
        hint_error(fmt::format("{}={}", old_name, new_name),
                   fmt::format("the old version has an entity `{}` too, which would have two tables' rows", new_name));
      }
    }
    for (const auto& [owner, members] : options_.renames.members) {
      for (const auto& [old_name, new_name] : members) {
        const std::string hint = fmt::format("{}.{}={}", owner, old_name, new_name);
        if (const auto values = enum_values_of(before_, owner)) {
          if (std::find(values->begin(), values->end(), old_name) == values->end()) {
            hint_error(hint, fmt::format("enum `{}` of the old version has no value `{}`", owner, old_name));
          }
          continue;
        }
        const SqlTable* table = before_.entity_table(owner);
        if (table == nullptr) {
          hint_error(hint, fmt::format("the old version has no entity or enum `{}`", owner));
        } else if (table->column(old_name) == nullptr && before_.link_table(owner, old_name) == nullptr) {
          hint_error(hint, fmt::format("entity `{}` of the old version has no stored field `{}`", owner, old_name));
        } else if (const SqlTable* next = after_.entity_table(new_entity(owner));
                   next == nullptr || (next->column(new_name) == nullptr && after_.link_table(next->entity, new_name) == nullptr)) {
          hint_error(hint, fmt::format("entity `{}` of the new version has no stored field `{}`", new_entity(owner), new_name));
        } else if ((table->column(new_name) != nullptr || before_.link_table(owner, new_name) != nullptr) && !members.contains(new_name)) {
          hint_error(hint, fmt::format("entity `{}` of the old version has a field `{}` too", owner, new_name));
        }
      }
    }
  }

  static std::optional<std::vector<std::string>> enum_values_of(const RelationalSchema& schema, std::string_view name) {
    for (const SqlTable& t : schema.tables()) {
      for (const SqlColumn& c : t.columns) {
        if (c.enum_name == name) return c.enum_values;
      }
    }
    return std::nullopt;
  }

  void hint_error(const std::string& hint, const std::string& problem) {
    (void)diagnostics_.report<DiagnosticKind::InvalidRenameHint>(SourceSpan{}, hint, problem);
    refuse();
  }

  void match_tables() {
    for (const SqlTable& old_table : before_.tables()) {
      if (const SqlTable* next = successor(old_table)) {
        predecessors_.emplace(next, &old_table);
      } else {
        removed_.push_back(&old_table);
      }
    }
    for (const SqlTable& t : after_.tables()) {
      if (!predecessors_.contains(&t)) added_.push_back(&t);
    }
  }

  // ---- checks shared by both dialects -----------------------------------------------------------

  // A removed table: refused unless data loss is allowed.
  bool may_drop_table(const SqlTable& table) {
    if (options_.allow_data_loss) return true;
    const std::string what = table.link.empty() ? "entity" : "list field";
    const std::string name = table.link.empty() ? table.entity : table.entity + "." + table.link;
    auto report = diagnostics_.report<DiagnosticKind::MigrationDropsTable>(locate_(false, table.entity, table.link), table.name, what,
                                                                           name, table.link.empty() ? table.entity : name);
    if (const SqlTable* candidate = likely_successor(table)) {
      report.note(fmt::format("the new version has entity `{}`, which the old one has not: if `{}` became `{}`, pass --rename {}={}",
                              candidate->entity, table.entity, candidate->entity, table.entity, candidate->entity));
    }
    refuse();
    return false;
  }

  // The added entity table sharing the most column names with a removed one, if any does.
  const SqlTable* likely_successor(const SqlTable& removed) const {
    const SqlTable* best = nullptr;
    std::size_t best_shared = 0;
    if (!removed.link.empty()) return nullptr;
    for (const SqlTable* candidate : added_) {
      if (!candidate->link.empty()) continue;
      const auto shared = static_cast<std::size_t>(std::count_if(removed.columns.begin(), removed.columns.end(),
                                                                 [&](const SqlColumn& c) { return candidate->column(c.name) != nullptr; }));
      if (shared > best_shared) {
        best = candidate;
        best_shared = shared;
      }
    }
    return best;
  }

  bool may_drop_column(const SqlTable& table, const SqlColumn& column) {
    if (options_.allow_data_loss) return true;
    auto report = diagnostics_.report<DiagnosticKind::MigrationDropsColumn>(locate_(false, table.entity, column.name), column.name,
                                                                            table.name, table.entity, column.name, table.entity, column.name);
    // A column of the same type that the new version adds to the table may be the old one renamed.
    if (const SqlTable* next = successor(table)) {
      for (const SqlColumn& added : next->columns) {
        if (predecessor(table, added.name) != nullptr || added.type != column.type) continue;
        report.note(fmt::format("field `{}.{}` is new: if `{}` became `{}`, pass --rename {}.{}={}", next->entity, added.name, column.name,
                                added.name, table.entity, column.name, added.name));
        break;
      }
    }
    refuse();
    return false;
  }

  // A column rows must get a value for: its default, or refused.
  std::optional<std::string> fill_value(const SqlTable& table, const SqlColumn& column, std::string_view why) {
    if (column.default_sql) return column.default_sql;
    (void)diagnostics_.report<DiagnosticKind::MigrationRequiredWithoutDefault>(locate_(true, table.entity, column.name), table.entity,
                                                                         column.name, why, table.name);
    refuse();
    return std::nullopt;
  }

  bool may_change_type(const SqlTable& table, const SqlColumn& before, const SqlColumn& after) {
    if (before.type == after.type || options_.allow_data_loss) return true;
    (void)diagnostics_.report<DiagnosticKind::MigrationTypeChanged>(locate_(true, table.entity, after.name), after.name, table.name,
                                                              sql_type_name(before.type, dialect_), sql_type_name(after.type, dialect_));
    refuse();
    return false;
  }

  // Enum values renamed by a hint are rewritten in the columns holding them; values removed
  // without one are refused (rows may hold them, and the service could not read those rows).
  void enum_values() {
    for (const auto& [new_table, old_table] : predecessors_) {
      for (const SqlColumn& old_column : old_table->columns) {
        const SqlColumn* column = new_table->column(new_column(*old_table, old_column.name));
        if (column == nullptr || old_column.enum_name.empty() || column->enum_name.empty()) continue;
        for (const std::string& value : old_column.enum_values) {
          const std::string renamed = new_member(old_column.enum_name, value);
          if (renamed != value) {
            add(fmt::format("UPDATE {} SET {} = {} WHERE {} = {};", quoted(new_table->name), quoted(column->name), sql_string(renamed),
                            quoted(column->name), sql_string(value)));
          } else if (std::find(column->enum_values.begin(), column->enum_values.end(), value) == column->enum_values.end()) {
            auto report = diagnostics_.report<DiagnosticKind::MigrationEnumValueRemoved>(
                locate_(true, new_table->entity, column->name), value, old_column.enum_name, column->name, new_table->name,
                old_column.enum_name, value);
            for (const std::string& added : column->enum_values) {
              if (std::find(old_column.enum_values.begin(), old_column.enum_values.end(), added) != old_column.enum_values.end()) continue;
              report.note(fmt::format("`{}` is a new value: if `{}` became `{}`, pass --rename {}.{}={}", added, value, added,
                                      old_column.enum_name, value, added));
              break;
            }
            refuse();
          }
        }
      }
    }
  }

  void add(std::string statement) { migration_.statements.push_back(std::move(statement)); }

  // ---- SQLite: rebuild what changed --------------------------------------------------------------

  void plan_sqlite() {
    for (const SqlTable* table : removed_) {
      if (may_drop_table(*table)) add(fmt::format("DROP TABLE {};", quoted(table->name)));
    }
    for (const SqlTable& table : after_.tables()) {
      const auto predecessor = predecessors_.find(&table);
      if (predecessor == predecessors_.end()) {
        add(create_table_sql(table, dialect_, true));
        for (const SqlKey& key : table.keys) {
          if (!key.unique) add(create_index_sql(table, key, dialect_));
        }
        continue;
      }
      const SqlTable& old_table = *predecessor->second;
      if (create_table_sql(old_table, dialect_, true) == create_table_sql(table, dialect_, true)) {
        sqlite_indexes(old_table, table);
      } else {
        rebuild(old_table, table);
      }
    }
  }

  void sqlite_indexes(const SqlTable& before, const SqlTable& after) {
    const auto has = [](const SqlTable& t, const SqlKey& key) {
      return std::any_of(t.keys.begin(), t.keys.end(), [&](const SqlKey& k) { return !k.unique && k.columns == key.columns; });
    };
    for (const SqlKey& key : before.keys) {
      if (!key.unique && !has(after, key)) add(fmt::format("DROP INDEX {};", quoted(key_name(before, key, dialect_))));
    }
    for (const SqlKey& key : after.keys) {
      if (!key.unique && !has(before, key)) add(create_index_sql(after, key, dialect_));
    }
  }

  std::string free_table_name() const {
    std::string name = "bpc_migrating";
    while (before_.table(name) != nullptr || after_.table(name) != nullptr) name += "_";
    return name;
  }

  // SQLite's way to change a table: a new one with the new definition, the rows copied, the old
  // one dropped and the new one renamed to the table's name; indexes made again.
  void rebuild(const SqlTable& before, const SqlTable& after) {
    std::vector<std::string> targets;
    std::vector<std::string> values;
    std::set<std::string> kept;
    for (const SqlColumn& column : after.columns) {
      const SqlColumn* old_column = predecessor(before, column.name);
      if (old_column == nullptr) {
        if (column.nullable) continue;
        if (auto fill = fill_value(after, column, "new and required")) {
          targets.push_back(quoted(column.name));
          values.push_back(*fill);
        }
        continue;
      }
      kept.insert(old_column->name);
      if (!may_change_type(after, *old_column, column)) continue;
      std::string value = quoted(old_column->name);
      if (old_column->type != column.type) value = fmt::format("CAST({} AS {})", value, sql_type_name(column.type, dialect_));
      if (old_column->nullable && !column.nullable) {
        const auto fill = fill_value(after, column, "now required");
        if (!fill) continue;
        value = fmt::format("COALESCE({}, {})", value, *fill);
      }
      targets.push_back(quoted(column.name));
      values.push_back(value);
    }
    for (const SqlColumn& c : before.columns) {
      if (!kept.contains(c.name)) may_drop_column(before, c);
    }
    const std::string temporary = free_table_name();
    add(create_table_sql(after, dialect_, true, temporary));
    add(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {};", quoted(temporary), fmt::join(targets, ", "), fmt::join(values, ", "),
                    quoted(before.name)));
    add(fmt::format("DROP TABLE {};", quoted(before.name)));
    add(fmt::format("ALTER TABLE {} RENAME TO {};", quoted(temporary), quoted(after.name)));
    for (const SqlKey& key : after.keys) {
      if (!key.unique) add(create_index_sql(after, key, dialect_));
    }
  }

  // ---- PostgreSQL: ALTER what changed ------------------------------------------------------------

  // A foreign key as the new schema would name its parts, for comparing across versions.
  std::string foreign_key_signature(const SqlTable& table, const SqlForeignKey& key, bool old_side) const {
    if (!old_side) return fmt::format("{}|{}|{}|{}", key.column, key.table, key.target_column, key.cascade);
    const SqlTable* target = before_.table(key.table);
    const SqlTable* next = target == nullptr ? nullptr : successor(*target);
    return fmt::format("{}|{}|{}|{}", new_column(table, key.column), next == nullptr ? "" : next->name,
                       target == nullptr ? key.target_column : new_column(*target, key.target_column), key.cascade);
  }

  std::vector<std::string> new_columns(const SqlTable& table, const std::vector<std::string>& columns) const {
    std::vector<std::string> out;
    for (const std::string& c : columns) out.push_back(new_column(table, c));
    return out;
  }

  void plan_postgresql() {
    std::vector<std::string> drop_constraints;
    std::vector<std::string> renames;
    std::vector<std::string> drop_columns;
    std::vector<std::string> changes;
    std::vector<std::string> add_keys;
    std::vector<std::string> add_foreign_keys;
    for (const auto& pair : predecessors_) {
      const SqlTable* before = pair.second;  // not a structured binding: the lambdas below use them
      const SqlTable* after = pair.first;
      const std::string table = quoted(after->name);
      if (before->name != after->name) renames.push_back(fmt::format("ALTER TABLE {} RENAME TO {};", quoted(before->name), table));
      for (const SqlColumn& c : before->columns) {
        const std::string name = new_column(*before, c.name);
        if (after->column(name) == nullptr) {
          if (may_drop_column(*before, c)) drop_columns.push_back(fmt::format("ALTER TABLE {} DROP COLUMN {};", table, quoted(c.name)));
        } else if (name != c.name) {
          renames.push_back(fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {};", table, quoted(c.name), quoted(name)));
        }
      }
      if (primary_key_name(*before, dialect_) != primary_key_name(*after, dialect_)) {
        renames.push_back(fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};", table, quoted(primary_key_name(*before, dialect_)),
                                      quoted(primary_key_name(*after, dialect_))));
      }
      // Keys: kept ones renamed to the convention's name, others dropped and added.
      for (const SqlKey& key : before->keys) {
        const auto kept = std::find_if(after->keys.begin(), after->keys.end(), [&](const SqlKey& k) {
          return k.unique == key.unique && k.columns == new_columns(*before, key.columns);
        });
        const std::string old_name = key_name(*before, key, dialect_);
        if (kept == after->keys.end()) {
          drop_constraints.push_back(key.unique ? fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", quoted(before->name), quoted(old_name))
                                                : fmt::format("DROP INDEX {};", quoted(old_name)));
        } else if (const std::string name = key_name(*after, *kept, dialect_); name != old_name) {
          renames.push_back(key.unique ? fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};", table, quoted(old_name), quoted(name))
                                       : fmt::format("ALTER INDEX {} RENAME TO {};", quoted(old_name), quoted(name)));
        }
      }
      for (const SqlKey& key : after->keys) {
        const bool existed = std::any_of(before->keys.begin(), before->keys.end(), [&](const SqlKey& k) {
          return k.unique == key.unique && new_columns(*before, k.columns) == key.columns;
        });
        if (!existed) add_keys.push_back(add_key_sql(*after, key));
      }
      for (const SqlForeignKey& key : before->foreign_keys) {
        const std::string signature = foreign_key_signature(*before, key, true);
        const auto kept = std::find_if(after->foreign_keys.begin(), after->foreign_keys.end(),
                                       [&](const SqlForeignKey& k) { return foreign_key_signature(*after, k, false) == signature; });
        const std::string old_name = foreign_key_name(*before, key, dialect_);
        if (kept == after->foreign_keys.end()) {
          drop_constraints.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", quoted(before->name), quoted(old_name)));
        } else if (const std::string name = foreign_key_name(*after, *kept, dialect_); name != old_name) {
          renames.push_back(fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};", table, quoted(old_name), quoted(name)));
        }
      }
      for (const SqlForeignKey& key : after->foreign_keys) {
        const std::string signature = foreign_key_signature(*after, key, false);
        const bool existed = std::any_of(before->foreign_keys.begin(), before->foreign_keys.end(),
                                         [&](const SqlForeignKey& k) { return foreign_key_signature(*before, k, true) == signature; });
        if (!existed) add_foreign_keys.push_back(add_foreign_key_sql(*after, key));
      }
      column_changes(*before, *after, changes);
    }
    std::vector<std::string> drop_tables;
    for (const SqlTable* table : removed_) {
      if (!may_drop_table(*table)) continue;
      for (const SqlForeignKey& key : table->foreign_keys) {
        drop_constraints.push_back(
            fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", quoted(table->name), quoted(foreign_key_name(*table, key, dialect_))));
      }
      drop_tables.push_back(fmt::format("DROP TABLE {};", quoted(table->name)));
    }
    std::vector<std::string> creates;
    for (const SqlTable* table : added_) {
      creates.push_back(create_table_sql(*table, dialect_, false));
      for (const SqlKey& key : table->keys) {
        if (!key.unique) creates.push_back(create_index_sql(*table, key, dialect_));
      }
      for (const SqlForeignKey& key : table->foreign_keys) add_foreign_keys.push_back(add_foreign_key_sql(*table, key));
    }
    for (auto* group : {&drop_constraints, &renames, &drop_columns, &drop_tables, &creates, &changes, &add_keys, &add_foreign_keys}) {
      for (std::string& statement : *group) add(std::move(statement));
    }
  }

  std::string add_key_sql(const SqlTable& table, const SqlKey& key) const {
    if (!key.unique) return create_index_sql(table, key, dialect_);
    return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({});", quoted(table.name), quoted(key_name(table, key, dialect_)),
                       column_list(key.columns));
  }

  std::string add_foreign_key_sql(const SqlTable& table, const SqlForeignKey& key) const {
    return service::add_foreign_key_sql(table, key, dialect_);
  }

  void column_changes(const SqlTable& before, const SqlTable& after, std::vector<std::string>& out) {
    const std::string table = quoted(after.name);
    for (const SqlColumn& column : after.columns) {
      const SqlColumn* old_column = predecessor(before, column.name);
      const std::string name = quoted(column.name);
      const std::string type = sql_type_name(column.type, dialect_);
      if (old_column == nullptr) {
        if (column.nullable) {
          out.push_back(fmt::format("ALTER TABLE {} ADD COLUMN {} {};", table, name, type));
        } else if (const auto fill = fill_value(after, column, "new and required")) {
          out.push_back(fmt::format("ALTER TABLE {} ADD COLUMN {} {} NOT NULL DEFAULT {};", table, name, type, *fill));
          out.push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", table, name));
        }
        continue;
      }
      if (old_column->type != column.type && may_change_type(after, *old_column, column)) {
        out.push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {} USING {}::{};", table, name, type, name, type));
      }
      if (old_column->nullable && !column.nullable) {
        if (const auto fill = fill_value(after, column, "now required")) {
          out.push_back(fmt::format("UPDATE {} SET {} = {} WHERE {} IS NULL;", table, name, *fill, name));
          out.push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;", table, name));
        }
      } else if (!old_column->nullable && column.nullable) {
        out.push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;", table, name));
      }
    }
  }

  const RelationalSchema& before_;
  const RelationalSchema& after_;
  const MigrationOptions& options_;
  SqlDialect dialect_;
  DiagnosticEngine& diagnostics_;
  const MigrationLocator& locate_;
  Migration migration_;
  // Each new table that continues an old one -> that old one; in the new schema's order (the
  // tables are one vector, so their addresses are in that order).
  std::map<const SqlTable*, const SqlTable*> predecessors_;
  std::vector<const SqlTable*> removed_;
  std::vector<const SqlTable*> added_;
};

}  // namespace

std::string create_table_sql(const SqlTable& table, SqlDialect dialect, bool foreign_keys, std::string_view name) {
  std::vector<std::string> lines;
  for (const SqlColumn& c : table.columns) {
    lines.push_back(fmt::format("  {} {}{}", quoted(c.name), sql_type_name(c.type, dialect), c.nullable ? "" : " NOT NULL"));
  }
  lines.push_back(fmt::format("  CONSTRAINT {} PRIMARY KEY ({})", quoted(primary_key_name(table, dialect)), column_list(table.primary_key)));
  for (const SqlKey& key : table.keys) {
    if (key.unique) lines.push_back(fmt::format("  CONSTRAINT {} UNIQUE ({})", quoted(key_name(table, key, dialect)), column_list(key.columns)));
  }
  if (foreign_keys) {
    for (const SqlForeignKey& key : table.foreign_keys) {
      lines.push_back(fmt::format("  CONSTRAINT {} {}", quoted(foreign_key_name(table, key, dialect)), foreign_key_clause(key)));
    }
  }
  return fmt::format("CREATE TABLE {} (\n{}\n);", quoted(name.empty() ? table.name : name), fmt::join(lines, ",\n"));
}

std::string create_index_sql(const SqlTable& table, const SqlKey& key, SqlDialect dialect) {
  return fmt::format("CREATE INDEX {} ON {} ({});", quoted(key_name(table, key, dialect)), quoted(table.name), column_list(key.columns));
}

std::vector<TableStatements> create_schema_statements(const RelationalSchema& schema, SqlDialect dialect) {
  const bool inline_keys = dialect == SqlDialect::Sqlite;
  std::vector<TableStatements> out;
  out.reserve(schema.tables().size());
  for (const SqlTable& table : schema.tables()) {
    TableStatements& made = out.emplace_back(TableStatements{.name = table.name, .statements = {create_table_sql(table, dialect, inline_keys)}});
    for (const SqlKey& key : table.keys) {
      if (!key.unique) made.statements.push_back(create_index_sql(table, key, dialect));
    }
    if (inline_keys) continue;
    for (const SqlForeignKey& key : table.foreign_keys) made.foreign_keys.push_back(add_foreign_key_sql(table, key, dialect));
  }
  return out;
}

std::string add_foreign_key_sql(const SqlTable& table, const SqlForeignKey& key, SqlDialect dialect) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {};", quoted(table.name), quoted(foreign_key_name(table, key, dialect)),
                     foreign_key_clause(key));
}

Migration plan_migration(const RelationalSchema& before, const RelationalSchema& after, const MigrationOptions& options,
                         DiagnosticEngine& diagnostics, const MigrationLocator& locate) {
  return Planner(before, after, options, diagnostics, locate).plan();
}

std::string migration_script(const Migration& migration, SqlDialect dialect, std::string_view from, std::string_view to) {
  const bool sqlite = dialect == SqlDialect::Sqlite;
  std::string out = fmt::format("-- Generated by bpc migrate: {} -> {} ({}).\n", from, to, sqlite ? "SQLite" : "PostgreSQL");
  if (migration.statements.empty()) return out + "-- The two versions have the same schema: nothing to do.\n";
  // SQLite checks foreign keys when a table is dropped unless they are off, and they can only be
  // switched outside a transaction; the check before COMMIT lists rows a change left dangling.
  if (sqlite) out += "PRAGMA foreign_keys = OFF;\n";
  out += "BEGIN;\n";
  for (const std::string& statement : migration.statements) out += statement + "\n";
  if (sqlite) out += "PRAGMA foreign_key_check;\n";
  out += "COMMIT;\n";
  if (sqlite) out += "PRAGMA foreign_keys = ON;\n";
  return out;
}

}  // namespace bpc::backends::service
