#include "service/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "service/crypto.h"
#include "service/errors.h"
#include "service/schema.h"
#include "status_of.h"

namespace bpc::service {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("bpc_store_test_" + random_hex(6));
    store_ = std::make_unique<Store>(Store::Options{directory_.string(), "", 2, {}});
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  RequestContext as_tenant(const Tenant& tenant, Role role = Role::Owner) {
    RequestContext context;
    context.principal.tenant_id = tenant.id;
    context.principal.key_id = "key_test";
    context.principal.role = role;
    context.correlation_id = "test";
    return context;
  }

  static NewVersion version(std::string source) {
    return NewVersion{std::move(source), "message", 0, 0, R"({"diagnostics":[]})"};
  }

  std::filesystem::path directory_;
  std::unique_ptr<Store> store_;
  RequestContext operator_context_;
};

TEST_F(StoreTest, ATenantStoreSeesOnlyItsTenantsRows) {
  const Tenant a = store_->create_tenant("A", Tier::Pro, operator_context_);
  const Tenant b = store_->create_tenant("B", Tier::Pro, operator_context_);
  TenantStore as_a = store_->tenant(as_tenant(a));
  TenantStore as_b = store_->tenant(as_tenant(b));
  const auto [blueprint, first] = as_a.create_blueprint("orders", version("entity A { id: uuid @id }"));
  as_a.set_tag(blueprint.id, "stable", 1);

  EXPECT_FALSE(as_b.find_blueprint(blueprint.id));
  EXPECT_FALSE(as_b.find_version(blueprint.id, 1));
  EXPECT_FALSE(as_b.source(blueprint.id, 1));
  EXPECT_FALSE(as_b.resolve_tag(blueprint.id, "stable"));
  EXPECT_TRUE(as_b.list_blueprints(100, std::nullopt).items.empty());
  EXPECT_EQ(as_b.usage().blueprints, 0);
  for (const StoredEvent& event : as_b.events_after(0, 1000)) EXPECT_EQ(event.tenant_id, b.id);

  EXPECT_EQ(status_of([&] { as_b.save_version(blueprint.id, version("x"), std::nullopt); }), 404);
  EXPECT_EQ(status_of([&] { as_b.restore_version(blueprint.id, 1, std::nullopt); }), 404);
  EXPECT_EQ(status_of([&] { as_b.change_status(blueprint.id, BlueprintStatus::Archived, "", std::nullopt); }), 404);
  EXPECT_EQ(status_of([&] { as_b.list_versions(blueprint.id, 10, std::nullopt); }), 404);
  EXPECT_EQ(status_of([&] { as_b.list_tags(blueprint.id); }), 404);
  EXPECT_EQ(status_of([&] { as_b.set_tag(blueprint.id, "mine", 1); }), 404);
  EXPECT_EQ(status_of([&] { as_b.delete_tag(blueprint.id, "stable"); }), 404);

  // A's data is as it was, and B may use the same name.
  EXPECT_EQ(as_a.find_blueprint(blueprint.id)->head, 1);
  EXPECT_EQ(as_a.resolve_tag(blueprint.id, "stable"), 1);
  EXPECT_NO_THROW(as_b.create_blueprint("orders", version("entity B { id: uuid @id }")));
}

TEST_F(StoreTest, VersionsAreContentAddressedAndRevisionsGuardWrites) {
  const Tenant tenant = store_->create_tenant("T", Tier::Pro, operator_context_);
  TenantStore store = store_->tenant(as_tenant(tenant));
  const std::string source = "entity A { id: uuid @id }\n";
  const auto [blueprint, first] = store.create_blueprint("orders", version(source));
  EXPECT_EQ(first.hash, sha256_hex(source));
  EXPECT_EQ(store.source(blueprint.id, 1), source);
  EXPECT_EQ(status_of([&] { store.save_version(blueprint.id, version("b"), blueprint.revision + 1); }), 412);
  const auto [after, second] = store.save_version(blueprint.id, version("b"), blueprint.revision);
  EXPECT_EQ(second.parent, 1);
  EXPECT_EQ(after.revision, blueprint.revision + 1);
  const auto [restored, third] = store.restore_version(blueprint.id, 1, std::nullopt);
  EXPECT_EQ(third.hash, first.hash);
  EXPECT_EQ(third.restored_from, 1);
  // The same bytes are one blob.
  std::size_t blobs = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory_ / "blobs")) {
    blobs += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(blobs, 2u);
}

TEST_F(StoreTest, QuotasOfTheTierAreEnforced) {
  const Tenant tenant = store_->create_tenant("T", Tier::Free, operator_context_);
  TenantStore store = store_->tenant(as_tenant(tenant));
  const Quotas& quotas = quotas_of(Tier::Free);
  for (std::int64_t i = 0; i < quotas.blueprints; ++i) store.create_blueprint("b" + std::to_string(i), version("x"));
  EXPECT_EQ(status_of([&] { store.create_blueprint("over", version("x")); }), 403);
  const std::string big(static_cast<std::size_t>(quotas.stored_bytes / 2), 'x');
  const auto blueprint = store.list_blueprints(1, std::nullopt).items.front();
  store.save_version(blueprint.id, version(big), std::nullopt);
  EXPECT_EQ(status_of([&] { store.save_version(blueprint.id, version(big), std::nullopt); }), 403);
}

TEST_F(StoreTest, ApproveOnlyACleanHeadAndTransitionsAreChecked) {
  const Tenant tenant = store_->create_tenant("T", Tier::Pro, operator_context_);
  TenantStore store = store_->tenant(as_tenant(tenant));
  NewVersion broken = version("x");
  broken.errors = 2;
  const auto [blueprint, first] = store.create_blueprint("orders", broken);
  EXPECT_EQ(status_of([&] { store.change_status(blueprint.id, BlueprintStatus::Approved, "", std::nullopt); }), 409);
  store.save_version(blueprint.id, version("fixed"), std::nullopt);
  const Blueprint approved = store.change_status(blueprint.id, BlueprintStatus::Approved, "ok", std::nullopt);
  EXPECT_EQ(approved.status, BlueprintStatus::Approved);
  EXPECT_EQ(approved.status_by, "key_test");
  EXPECT_EQ(status_of([&] { store.change_status(blueprint.id, BlueprintStatus::Rejected, "no", std::nullopt); }), 409);
  store.change_status(blueprint.id, BlueprintStatus::Archived, "", std::nullopt);
  EXPECT_EQ(status_of([&] { store.save_version(blueprint.id, version("y"), std::nullopt); }), 409);
}

TEST_F(StoreTest, KeysAuthenticateUntilRevokedAndOnlyTheirHashIsKept) {
  const Tenant tenant = store_->create_tenant("T", Tier::Pro, operator_context_);
  const Store::CreatedKey key = store_->create_key(tenant.id, "ci", Role::Developer, operator_context_);
  const auto principal = store_->authenticate(key.secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->tenant_id, tenant.id);
  EXPECT_EQ(principal->role, Role::Developer);
  EXPECT_FALSE(store_->authenticate(key.secret + "x"));
  store_->update_tenant(tenant.id, std::nullopt, std::nullopt, true, operator_context_);
  EXPECT_TRUE(store_->authenticate(key.secret)->tenant_suspended);
  store_->revoke_key(tenant.id, key.key.id, operator_context_);
  EXPECT_FALSE(store_->authenticate(key.secret));
}

TEST_F(StoreTest, ReopeningKeepsDataAndSchema) {
  const Tenant tenant = store_->create_tenant("T", Tier::Pro, operator_context_);
  store_.reset();
  store_ = std::make_unique<Store>(Store::Options{directory_.string(), "", 2, {}});
  EXPECT_EQ(store_->schema_version(), latest_schema_version());
  EXPECT_EQ(store_->find_tenant(tenant.id)->name, "T");
}

TEST_F(StoreTest, RetentionKeepsWhatAWebhookStillHasToSend) {
  const Tenant watched = store_->create_tenant("watched", Tier::Pro, operator_context_);
  const Tenant quiet = store_->create_tenant("quiet", Tier::Pro, operator_context_);
  TenantStore as_watched = store_->tenant(as_tenant(watched));
  TenantStore as_quiet = store_->tenant(as_tenant(quiet));
  const std::int64_t before_webhook = as_watched.events_after(0, 100).back().sequence;
  as_watched.create_webhook("http://127.0.0.1:9/hook", {});
  as_watched.create_blueprint("a", version("entity A {}\n"));
  as_quiet.create_blueprint("b", version("entity B {}\n"));
  ASSERT_FALSE(as_quiet.events_after(0, 100).empty());
  // The webhook sends what happened after it was made.
  const std::size_t watched_events = as_watched.events_after(before_webhook, 100).size();
  ASSERT_GT(watched_events, 0u);

  // Nothing is old enough yet.
  EXPECT_EQ(store_->prune("2000-01-01T00:00:00.000Z", "2000-01-01T00:00:00.000Z").events, 0);
  // Everything is: the quiet tenant's events go, and the watched tenant's from before its webhook;
  // the webhook has sent none of the later ones yet, so they stay.
  const Store::Pruned pruned = store_->prune("9999-01-01T00:00:00.000Z", "9999-01-01T00:00:00.000Z");
  EXPECT_GT(pruned.events, 0);
  EXPECT_TRUE(as_quiet.events_after(0, 100).empty());
  EXPECT_EQ(as_watched.events_after(0, 100).size(), watched_events);
  EXPECT_EQ(as_watched.events_after(0, 100).front().sequence, as_watched.events_after(before_webhook, 1).front().sequence);
}

TEST(BlobStore, RefusesMalformedHashes) {
  const auto directory = std::filesystem::temp_directory_path() / ("bpc_blobs_" + random_hex(6));
  const DiskBlobStore blobs(directory.string());
  const std::string hash = blobs.put("hello");
  EXPECT_EQ(blobs.get(hash), "hello");
  EXPECT_EQ(blobs.put("hello"), hash);
  EXPECT_FALSE(blobs.get("../../etc/passwd"));
  EXPECT_FALSE(blobs.get(std::string(64, 'g')));
  EXPECT_FALSE(blobs.get(hash.substr(1)));
  // The file a blob is sent from holds exactly its bytes; a malformed or unknown hash has none.
  const auto file = blobs.file(hash);
  ASSERT_TRUE(file);
  std::ifstream in(*file, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "hello");
  EXPECT_FALSE(blobs.file("../../etc/passwd"));
  EXPECT_FALSE(blobs.file(std::string(64, 'a')));
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace bpc::service
