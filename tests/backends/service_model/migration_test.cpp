// The relational schema of a blueprint and the migrations `bpc migrate` plans between two of them.
// tests/migrate/migrate_test.py applies the scripts to real SQLite and PostgreSQL databases; these
// tests pin the statements and the refusals one change at a time.

#include <memory>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "backends/service_model/migration.h"
#include "backends/service_model/relational_schema.h"
#include "tests/backends/compiled_blueprint.h"

namespace bpc::backends::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

RelationalSchema schema_of(const std::string& text) {
  const auto compiled = testing::compile_blueprint("blueprint T { version \"1.0.0\" }\n" + text);
  EXPECT_FALSE(compiled->diagnostics.has_errors()) << text;
  const ServiceModel model(*compiled->module);
  return relational_schema(model);
}

struct Planned {
  Migration migration;
  DiagnosticEngine diagnostics;
  std::string script() const { return fmt::format("{}", fmt::join(migration.statements, "\n")); }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.diagnostics()) out.emplace_back(info(d.kind).code);
    return out;
  }
};

std::unique_ptr<Planned> plan(const std::string& before, const std::string& after, MigrationOptions options = {}) {
  auto planned = std::make_unique<Planned>();
  planned->migration = plan_migration(schema_of(before), schema_of(after), options, planned->diagnostics,
                                      [](bool, std::string_view, std::string_view) { return SourceSpan{}; });
  return planned;
}

MigrationOptions postgresql() { return MigrationOptions{.dialect = SqlDialect::Postgresql}; }

constexpr std::string_view kCustomer = "entity Customer {\n  id: uuid @id @generated\n  name: string\n  email: string @unique\n";

std::string customer(std::string_view more = "") { return std::string(kCustomer) + std::string(more) + "}\n"; }

TEST(RelationalSchema, TablesColumnsKeysAndLinks) {
  const RelationalSchema schema = schema_of(
      "entity Product { id: uuid @id @generated\n title: string @index\n price: decimal }\n"
      "entity Order { id: int @id @generated\n items: list<Product>\n gift: list<Product>?\n at: datetime = \"2024-01-01T00:00:00Z\"\n"
      " unique (id, at) }\n");
  ASSERT_EQ(schema.tables().size(), 3U);
  const SqlTable& order = *schema.entity_table("Order");
  EXPECT_EQ(order.name, "order");
  EXPECT_THAT(order.primary_key, ElementsAre("id"));
  ASSERT_NE(order.column("gift"), nullptr);  // an optional list stays a JSON column
  EXPECT_EQ(order.column("gift")->type, SqlType::Json);
  EXPECT_EQ(order.column("items"), nullptr);  // a required one is a link table
  // A date-time default as the instant both stores read, in UTC to the microsecond.
  EXPECT_EQ(order.column("at")->default_sql, "'2024-01-01 00:00:00.000000+00:00'");
  const SqlTable& link = *schema.table("order__items");
  EXPECT_EQ(link.link, "items");
  EXPECT_THAT(link.primary_key, ElementsAre("owner", "position"));
  EXPECT_EQ(link.columns[0].type, SqlType::BigInteger);  // the owner's id is an int
  EXPECT_TRUE(link.foreign_keys[0].cascade);
  const SqlTable& product = *schema.entity_table("Product");
  EXPECT_EQ(product.column("id")->type, SqlType::Uuid);
  EXPECT_EQ(key_name(product, product.keys[0], SqlDialect::Sqlite), "ix_product_title");
}

TEST(RelationalSchema, LongNamesAreShortenedForPostgresqlAsSqlalchemyDoes) {
  const RelationalSchema schema = schema_of(
      "entity AVeryLongEntityNameThatGoesOnAndOnForever { id: uuid @id @generated\n"
      " anotherRatherLongFieldNameForTheIndex: string @index\n yetAnotherQuiteLongFieldNameThatIsUnique: string @unique }\n");
  const SqlTable& table = schema.tables()[0];
  // The names SQLAlchemy 2.1 gives these constraints on PostgreSQL (63 bytes at most).
  EXPECT_EQ(key_name(table, table.keys[0], SqlDialect::Postgresql), "ix_a_very_long_entity_name_that_goes_on_and_on_forever__875b");
  EXPECT_EQ(key_name(table, table.keys[1], SqlDialect::Postgresql), "uq_a_very_long_entity_name_that_goes_on_and_on_forever__a401");
  EXPECT_EQ(key_name(table, table.keys[0], SqlDialect::Sqlite),
            "ix_a_very_long_entity_name_that_goes_on_and_on_forever_anotherRatherLongFieldNameForTheIndex");
}

TEST(Migration, SameSchemaNeedsNothing) {
  const auto planned = plan(customer(), customer());
  EXPECT_FALSE(planned->migration.refused);
  EXPECT_THAT(planned->migration.statements, IsEmpty());
  EXPECT_THAT(migration_script(planned->migration, SqlDialect::Sqlite, "a", "b"), HasSubstr("nothing to do"));
}

TEST(Migration, AddedColumnsOnPostgresqlFillRowsWithTheDefault) {
  const auto planned = plan(customer(), customer("  vip: bool = false\n  nickname: string?\n"), postgresql());
  EXPECT_THAT(planned->migration.statements,
              ElementsAre("ALTER TABLE \"customer\" ADD COLUMN \"vip\" BOOLEAN NOT NULL DEFAULT FALSE;",
                          "ALTER TABLE \"customer\" ALTER COLUMN \"vip\" DROP DEFAULT;",
                          "ALTER TABLE \"customer\" ADD COLUMN \"nickname\" TEXT;"));
}

TEST(Migration, ADateTimeDefaultFillsRowsWithItsInstantInUtc) {
  const auto planned = plan(customer(), customer("  since: datetime = \"2024-05-01T09:30:00.25+02:00\"\n"), postgresql());
  EXPECT_FALSE(planned->migration.refused);
  EXPECT_THAT(planned->migration.statements,
              ElementsAre("ALTER TABLE \"customer\" ADD COLUMN \"since\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT '2024-05-01 07:30:00.250000+00:00';",
                          "ALTER TABLE \"customer\" ALTER COLUMN \"since\" DROP DEFAULT;"));
  EXPECT_THAT(plan(customer(), customer("  since: datetime = \"2024-05-01T00:30:00-01:00\"\n"))->script(),
              HasSubstr("'2024-05-01 01:30:00.000000+00:00' FROM \"customer\""));
}

TEST(Migration, SqliteRebuildsAChangedTableAndKeepsItsRows) {
  const auto planned = plan(customer(), customer("  vip: bool = false\n"));
  EXPECT_THAT(planned->script(), HasSubstr("CREATE TABLE \"bpc_migrating\" ("));
  EXPECT_THAT(planned->script(), HasSubstr("INSERT INTO \"bpc_migrating\" (\"id\", \"name\", \"email\", \"vip\") "
                                           "SELECT \"id\", \"name\", \"email\", FALSE FROM \"customer\";"));
  EXPECT_THAT(planned->script(), HasSubstr("DROP TABLE \"customer\";\nALTER TABLE \"bpc_migrating\" RENAME TO \"customer\";"));
  const std::string script = migration_script(planned->migration, SqlDialect::Sqlite, "a", "b");
  EXPECT_THAT(script, HasSubstr("PRAGMA foreign_keys = OFF;\nBEGIN;\n"));
  EXPECT_THAT(script, HasSubstr("PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n"));
}

TEST(Migration, SqliteChangesOnlyIndexesWithoutARebuild) {
  const auto planned = plan(customer(), customer("  index (name, email)\n"));
  EXPECT_THAT(planned->migration.statements,
              ElementsAre("CREATE INDEX \"ix_customer_name\" ON \"customer\" (\"name\");",
                          "CREATE INDEX \"ix_customer_name_email\" ON \"customer\" (\"name\", \"email\");"));
}

TEST(Migration, RenamesFollowTheHintsWithTheConventionsNames) {
  MigrationOptions options = postgresql();
  options.renames.entities["Customer"] = "Client";
  options.renames.members["Customer"]["email"] = "mail";
  const std::string after = "entity Client {\n  id: uuid @id @generated\n  name: string\n  mail: string @unique\n}\n";
  const auto planned = plan(customer(), after, options);
  EXPECT_THAT(planned->migration.statements,
              ElementsAre("ALTER TABLE \"customer\" RENAME TO \"client\";",
                          "ALTER TABLE \"client\" RENAME COLUMN \"email\" TO \"mail\";",
                          "ALTER TABLE \"client\" RENAME CONSTRAINT \"pk_customer\" TO \"pk_client\";",
                          "ALTER TABLE \"client\" RENAME CONSTRAINT \"uq_customer_email\" TO \"uq_client_mail\";"));
}

TEST(Migration, RefusesWhatLosesDataUnlessAllowed) {
  const auto dropped = plan(customer("  nickname: string?\n"), customer(), postgresql());
  EXPECT_TRUE(dropped->migration.refused);
  EXPECT_THAT(dropped->migration.statements, IsEmpty());
  EXPECT_THAT(dropped->codes(), ElementsAre("BP3102"));
  MigrationOptions allowed = postgresql();
  allowed.allow_data_loss = true;
  const auto allowed_plan = plan(customer("  nickname: string?\n"), customer(), allowed);
  EXPECT_THAT(allowed_plan->migration.statements, ElementsAre("ALTER TABLE \"customer\" DROP COLUMN \"nickname\";"));
  EXPECT_THAT(plan(customer() + "entity Gone { id: uuid @id @generated }\n", customer())->codes(), ElementsAre("BP3101"));
  EXPECT_THAT(plan(customer("  age: int?\n"), customer("  age: string?\n"))->codes(), ElementsAre("BP3104"));
}

TEST(Migration, RefusesWhatCannotBeDoneEvenWhenDataLossIsAllowed) {
  MigrationOptions allowed;
  allowed.allow_data_loss = true;
  EXPECT_THAT(plan(customer(), customer("  phone: string\n"), allowed)->codes(), ElementsAre("BP3103"));
  EXPECT_THAT(plan(customer("  phone: string?\n"), customer("  phone: string\n"), allowed)->codes(), ElementsAre("BP3103"));
  const std::string status = "enum Status { open, closed, done }\n";
  const auto removed = plan(status + customer("  status: Status = open\n"), "enum Status { open, done }\n" + customer("  status: Status = open\n"), allowed);
  EXPECT_THAT(removed->codes(), ElementsAre("BP3105"));
  MigrationOptions mapped;
  mapped.renames.members["Status"]["closed"] = "done";
  const auto renamed = plan(status + customer("  status: Status = open\n"), "enum Status { open, done }\n" + customer("  status: Status = open\n"), mapped);
  EXPECT_THAT(renamed->migration.statements, ElementsAre("UPDATE \"customer\" SET \"status\" = 'done' WHERE \"status\" = 'closed';"));
}

TEST(Migration, HintsThatNameNothingAreErrors) {
  MigrationOptions options;
  options.renames.entities["Nobody"] = "Customer";
  options.renames.members["Customer"]["missing"] = "name";
  const auto planned = plan(customer(), customer(), options);
  EXPECT_TRUE(planned->migration.refused);
  EXPECT_THAT(planned->codes(), ElementsAre("BP3106", "BP3106"));
}

TEST(Migration, HintsOntoNamesTheOldVersionStillUsesAreErrors) {
  MigrationOptions options;
  options.renames.entities["Customer"] = "Client";
  options.renames.members["Customer"]["name"] = "email";
  const std::string client = "entity Client {\n  id: uuid @id @generated\n}\n";
  EXPECT_THAT(plan(customer() + client, client, options)->codes(), ElementsAre("BP3106", "BP3106"));
}

}  // namespace
}  // namespace bpc::backends::service
