// The migration runner (runtime/src/migrations.h) on the database of BPC_TEST_STORE: SQLite, or
// a schema of its own in PostgreSQL; the memory store has no schema, so there they are skipped.
// Each test opens the store on one database again and again with a folder of scripts, and what
// the scripts do tells whether they ran: a script that fails when run proves it was not, a table
// a second script fills proves the first ran before it.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "bpc/runtime/events.h"
#include "bpc/runtime/sql_store.h"
#include "postgresql_schema.h"
#include "suites.h"

namespace bpc::testing {
namespace {

// A database of the test's own and a folder of migration scripts for its dialect.
class Migrations : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* kind = std::getenv("BPC_TEST_STORE");  // NOLINT(concurrency-mt-unsafe): no thread runs yet
    const std::string store = kind == nullptr ? "memory" : kind;
    if (store == "memory") GTEST_SKIP() << "the memory store has no schema to migrate";
    folder_ = std::filesystem::temp_directory_path() / ("bpc-migrations-" + runtime::random_uuid());
    if (store == "postgresql") {
      const char* url = std::getenv("BPC_TEST_POSTGRESQL");  // NOLINT(concurrency-mt-unsafe): no thread runs yet
      ASSERT_NE(url, nullptr) << "BPC_TEST_STORE=postgresql needs BPC_TEST_POSTGRESQL";
      schema_ = std::make_unique<PostgresqlSchema>(url);
      database_ = schema_->url();
      dialect_ = "postgresql";
    } else {
      database_ = (folder_ / "test.db").string();
      dialect_ = "sqlite";
    }
    std::filesystem::create_directories(folder_ / dialect_);
    for (const auto& [name, entity] : fixtures().entities) entities_.push_back(entity);
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  void script(const std::string& name, const std::string& statements) {
    std::ofstream(folder_ / dialect_ / name) << "-- written by the test\nBEGIN;\n"
                                             << statements << "COMMIT;\n";
  }

  // Opens the store on the database with the folder's scripts, and reads every entity's table.
  void open() {
    const std::unique_ptr<runtime::Store> store = runtime::open_store(database_, entities_, fixtures().schema(), folder_.string());
    store->transaction([&] {
      for (const runtime::EntityDescriptor* entity : entities_) store->repository(*entity).list(runtime::ListQuery{});
    });
  }

  // The message open() stops with; "" when it does not.
  std::string refusal() {
    try {
      open();
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "";
  }

 private:
  std::filesystem::path folder_{};
  std::unique_ptr<PostgresqlSchema> schema_{};
  std::string database_{};
  std::string dialect_{};
  std::vector<const runtime::EntityDescriptor*> entities_{};
};

TEST_F(Migrations, a_new_database_gets_the_tables_and_records_every_script_as_applied) {
  script("v1.0.0.sql", "INSERT INTO no_such_table VALUES (1);\n");  // fails if it runs
  EXPECT_EQ(refusal(), "");
  EXPECT_EQ(refusal(), "") << "opened again, the recorded script does not run";
}

TEST_F(Migrations, an_existing_database_runs_the_scripts_it_has_not_run_in_version_order_once) {
  open();
  script("v1.10.0.sql", "INSERT INTO migrated VALUES (1);\n");
  script("v1.2.0.sql", "CREATE TABLE migrated (x INTEGER);\n");  // before v1.10.0, which text order would run first
  EXPECT_EQ(refusal(), "");
  EXPECT_EQ(refusal(), "") << "run again, CREATE TABLE would fail";
}

TEST_F(Migrations, a_script_changed_after_it_was_applied_stops_the_store) {
  open();
  script("v1.1.0.sql", "CREATE TABLE migrated (x INTEGER);\n");
  open();
  script("v1.1.0.sql", "CREATE TABLE migrated (x INTEGER, y INTEGER);\n");
  EXPECT_NE(refusal().find("migration v1.1.0.sql changed after it was applied"), std::string::npos) << refusal();
}

TEST_F(Migrations, a_script_that_fails_leaves_nothing_behind_and_is_not_recorded) {
  open();
  script("v2.0.0.sql", "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
  const std::string failed = refusal();
  EXPECT_NE(failed.find("migration v2.0.0.sql failed, and nothing of it was applied"), std::string::npos) << failed;
  script("v2.0.0.sql", "CREATE TABLE half_done (x INTEGER);\n");
  EXPECT_EQ(refusal(), "") << "half_done was left behind, or the failed script was recorded";
}

TEST_F(Migrations, a_script_not_named_by_its_version_stops_the_store) {
  script("add_notes.sql", "CREATE TABLE notes (x INTEGER);\n");
  EXPECT_NE(refusal().find("add_notes.sql is not named v<major>.<minor>.<patch>.sql"), std::string::npos) << refusal();
}

}  // namespace
}  // namespace bpc::testing
