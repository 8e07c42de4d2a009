// TenantStore: everything a tenant owns. Every statement here binds `tenant_id()` as ?1.

#include <nlohmann/json.hpp>

#include "service/connection_pool.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/events.h"
#include "service/timestamps.h"
#include "service/store.h"
#include "service/store_rows.h"

namespace bpc::service {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kStatusNames = {"draft", "approved", "rejected", "archived"};

std::optional<BlueprintStatus> parse_status(std::string_view name) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<BlueprintStatus>(i);
  }
  return std::nullopt;
}

constexpr const char* kBlueprintColumns =
    "id, name, status, head, revision, status_by, status_reason, status_at, created_at, updated_at";

Blueprint read_blueprint(const Statement& row) {
  return Blueprint{row.text(0),          row.text(1),          parse_status(row.text(2)).value_or(BlueprintStatus::Draft),
                   row.integer(3),       row.integer(4),       row.optional_text(5),
                   row.optional_text(6), row.optional_text(7), row.text(8),
                   row.text(9)};
}

constexpr const char* kVersionColumns =
    "blueprint_id, number, parent, restored_from, hash, size, author, message, created_at, errors, warnings, "
    "diagnostics";

Version read_version(const Statement& row) {
  Version version;
  version.blueprint_id = row.text(0);
  version.number = row.integer(1);
  if (!row.is_null(2)) version.parent = row.integer(2);
  if (!row.is_null(3)) version.restored_from = row.integer(3);
  version.hash = row.text(4);
  version.size = row.integer(5);
  version.author = row.text(6);
  version.message = row.text(7);
  version.created_at = row.text(8);
  version.errors = row.integer(9);
  version.warnings = row.integer(10);
  version.diagnostics = row.text(11);
  return version;
}

std::optional<Blueprint> load_blueprint(Connection& connection, const std::string& tenant,
                                        const std::string& id) {
  Statement query(connection, std::string("SELECT ") + kBlueprintColumns +
                                  " FROM blueprints WHERE tenant_id = ?1 AND id = ?2");
  query.bind(1, tenant).bind(2, id);
  if (!query.step()) return std::nullopt;
  return read_blueprint(query);
}

Usage load_usage(Connection& connection, const std::string& tenant) {
  return Usage{count(connection, "SELECT COUNT(*) FROM blueprints WHERE tenant_id = ?1", tenant),
               count(connection, "SELECT COUNT(*) FROM versions WHERE tenant_id = ?1", tenant),
               count(connection, "SELECT COALESCE(SUM(size), 0) FROM versions WHERE tenant_id = ?1", tenant)};
}

void check_revision(const Blueprint& blueprint, std::optional<std::int64_t> expected_revision) {
  if (expected_revision && *expected_revision != blueprint.revision) {
    throw ApiError(412, "precondition-failed",
                   "the blueprint changed since the ETag was given (it is at revision " +
                       std::to_string(blueprint.revision) + "); fetch it again and retry");
  }
}

json version_payload(const Blueprint& blueprint, const Version& version) {
  json payload = {{"blueprintId", blueprint.id}, {"name", blueprint.name},    {"version", version.number},
                  {"hash", version.hash},        {"size", version.size},      {"author", version.author},
                  {"errors", version.errors},    {"warnings", version.warnings}};
  if (version.parent) payload["parent"] = *version.parent;
  if (version.restored_from) payload["restoredFrom"] = *version.restored_from;
  return payload;
}

}  // namespace

std::optional<Version> load_version(Connection& connection, const std::string& tenant,
                                    const std::string& blueprint, std::int64_t number) {
  Statement query(connection, std::string("SELECT ") + kVersionColumns +
                                  " FROM versions WHERE tenant_id = ?1 AND blueprint_id = ?2 AND number = ?3");
  query.bind(1, tenant).bind(2, blueprint).bind(3, number);
  if (!query.step()) return std::nullopt;
  return read_version(query);
}

std::int64_t count(Connection& connection, const char* sql, const std::string& tenant) {
  Statement query(connection, sql);
  query.bind(1, tenant);
  query.step();
  return query.integer(0);
}

Tier tier_of(Connection& connection, const std::string& tenant) {
  Statement query(connection, "SELECT tier FROM tenants WHERE id = ?1");
  query.bind(1, tenant);
  if (!query.step()) throw not_found("tenant " + tenant);
  return parse_tier(query.text(0)).value_or(Tier::Free);
}

std::vector<std::string> string_list(const std::string& json_text) {
  const json list = json::parse(json_text, nullptr, false);
  std::vector<std::string> strings;
  if (list.is_array()) {
    for (const json& item : list) {
      if (item.is_string()) strings.push_back(item.get<std::string>());
    }
  }
  return strings;
}

ApiError quota_exceeded(const std::string& what, std::int64_t limit) {
  return ApiError(403, "quota-exceeded", "the tenant's tier allows " + std::to_string(limit) + " " + what);
}

std::string_view status_name(BlueprintStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

Usage TenantStore::usage() const {
  auto connection = store_.pool_->borrow();
  return load_usage(*connection, tenant_id());
}

Page<Blueprint> TenantStore::list_blueprints(std::int64_t limit, const std::optional<std::string>& after) const {
  auto connection = store_.pool_->borrow();
  Statement query(*connection, std::string("SELECT ") + kBlueprintColumns +
                                   " FROM blueprints WHERE tenant_id = ?1 AND name > ?2 ORDER BY name LIMIT ?3");
  query.bind(1, tenant_id()).bind(2, after.value_or("")).bind(3, limit + 1);
  Page<Blueprint> page;
  while (query.step()) page.items.push_back(read_blueprint(query));
  if (static_cast<std::int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next = page.items.back().name;
  }
  return page;
}

std::optional<Blueprint> TenantStore::find_blueprint(const std::string& id) const {
  auto connection = store_.pool_->borrow();
  return load_blueprint(*connection, tenant_id(), id);
}

std::pair<Blueprint, Version> TenantStore::commit_version(Connection& connection, const Blueprint& blueprint,
                                                          const NewVersion& version,
                                                          std::optional<std::int64_t> restored_from,
                                                          const std::string& hash) {
  const Quotas& quotas = quotas_of(tier_of(connection, tenant_id()));
  const Usage usage = load_usage(connection, tenant_id());
  if (usage.stored_bytes + static_cast<std::int64_t>(version.source.size()) > quotas.stored_bytes) {
    throw quota_exceeded("bytes of stored sources", quotas.stored_bytes);
  }
  if (blueprint.head >= quotas.versions_per_blueprint) {
    throw quota_exceeded("versions per blueprint", quotas.versions_per_blueprint);
  }

  Version saved;
  saved.blueprint_id = blueprint.id;
  saved.number = blueprint.head + 1;
  if (blueprint.head > 0) saved.parent = blueprint.head;
  saved.restored_from = restored_from;
  saved.hash = hash;
  saved.size = static_cast<std::int64_t>(version.source.size());
  saved.author = context_.principal.key_id;
  saved.message = version.message;
  saved.created_at = store_.now();
  saved.errors = version.errors;
  saved.warnings = version.warnings;
  saved.diagnostics = version.diagnostics;

  Statement insert(connection, std::string("INSERT INTO versions (tenant_id, ") + kVersionColumns +
                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  insert.bind(1, tenant_id()).bind(2, saved.blueprint_id).bind(3, saved.number);
  if (saved.parent) insert.bind(4, *saved.parent); else insert.bind_null(4);
  if (saved.restored_from) insert.bind(5, *saved.restored_from); else insert.bind_null(5);
  insert.bind(6, saved.hash)
      .bind(7, saved.size)
      .bind(8, saved.author)
      .bind(9, saved.message)
      .bind(10, saved.created_at)
      .bind(11, saved.errors)
      .bind(12, saved.warnings)
      .bind(13, saved.diagnostics)
      .run();

  Blueprint updated = blueprint;
  updated.head = saved.number;
  updated.revision = blueprint.revision + 1;
  updated.updated_at = saved.created_at;
  // A new version of a reviewed blueprint needs reviewing again.
  if (updated.status == BlueprintStatus::Approved || updated.status == BlueprintStatus::Rejected) {
    updated.status = BlueprintStatus::Draft;
  }
  Statement update(connection,
                   "UPDATE blueprints SET head = ?3, status = ?4, updated_at = ?5, revision = ?6 "
                   "WHERE tenant_id = ?1 AND id = ?2");
  update.bind(1, tenant_id())
      .bind(2, updated.id)
      .bind(3, updated.head)
      .bind(4, status_name(updated.status))
      .bind(5, updated.updated_at)
      .bind(6, updated.revision)
      .run();
  append_event(connection, {tenant_id(), restored_from ? "versioning.restored" : "versioning.committed",
                            "blueprints/" + blueprint.id + "/versions/" + std::to_string(saved.number),
                            version_payload(updated, saved).dump(), context_.correlation_id, saved.created_at});
  return {updated, saved};
}

std::pair<Blueprint, Version> TenantStore::create_blueprint(const std::string& name, const NewVersion& version) {
  // The source goes to the blob store before its row is committed (blob_store.h).
  const std::string hash = store_.blobs_->put(version.source);
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  const Quotas& quotas = quotas_of(tier_of(*connection, tenant_id()));
  if (count(*connection, "SELECT COUNT(*) FROM blueprints WHERE tenant_id = ?1", tenant_id()) >= quotas.blueprints) {
    throw quota_exceeded("blueprints", quotas.blueprints);
  }
  Statement taken(*connection, "SELECT 1 FROM blueprints WHERE tenant_id = ?1 AND name = ?2");
  taken.bind(1, tenant_id()).bind(2, name);
  if (taken.step()) throw ApiError(409, "conflict", "a blueprint named `" + name + "` exists already");

  const std::string time = store_.now();
  Blueprint blueprint{"bp_" + random_hex(10), name, BlueprintStatus::Draft, 0, 0, {}, {}, {}, time, time};
  Statement insert(*connection,
                   "INSERT INTO blueprints (tenant_id, id, name, status, head, revision, created_at, updated_at) "
                   "VALUES (?1, ?2, ?3, 'draft', 0, 0, ?4, ?4)");
  insert.bind(1, tenant_id()).bind(2, blueprint.id).bind(3, name).bind(4, time).run();
  auto result = commit_version(*connection, blueprint, version, std::nullopt, hash);
  append_event(*connection, {tenant_id(), "blueprint.drafted", "blueprints/" + blueprint.id,
                             json{{"blueprintId", blueprint.id}, {"name", name}, {"version", 1}}.dump(),
                             context_.correlation_id, time});
  transaction.commit();
  return result;
}

std::pair<Blueprint, Version> TenantStore::append_version(const std::string& blueprint_id, const NewVersion& version,
                                                          std::optional<std::int64_t> restored_from,
                                                          const std::string& hash,
                                                          std::optional<std::int64_t> expected_revision) {
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  const auto blueprint = load_blueprint(*connection, tenant_id(), blueprint_id);
  if (!blueprint) throw not_found("blueprint " + blueprint_id);
  if (blueprint->status == BlueprintStatus::Archived) {
    throw ApiError(409, "conflict", "the blueprint is archived; archived blueprints take no new versions");
  }
  check_revision(*blueprint, expected_revision);
  auto result = commit_version(*connection, *blueprint, version, restored_from, hash);
  transaction.commit();
  return result;
}

std::pair<Blueprint, Version> TenantStore::save_version(const std::string& blueprint_id, const NewVersion& version,
                                                        std::optional<std::int64_t> expected_revision) {
  // The source goes to the blob store before its row is committed (blob_store.h).
  const std::string hash = store_.blobs_->put(version.source);
  return append_version(blueprint_id, version, std::nullopt, hash, expected_revision);
}

std::pair<Blueprint, Version> TenantStore::restore_version(const std::string& blueprint_id, std::int64_t number,
                                                           std::optional<std::int64_t> expected_revision) {
  const auto old = find_version(blueprint_id, number);
  auto old_source = source(blueprint_id, number);
  if (!old || !old_source) throw not_found("version " + std::to_string(number) + " of blueprint " + blueprint_id);
  const NewVersion version{std::move(*old_source), "restore version " + std::to_string(number), old->errors,
                           old->warnings, old->diagnostics};
  return append_version(blueprint_id, version, number, old->hash, expected_revision);
}

Blueprint TenantStore::change_status(const std::string& blueprint_id, BlueprintStatus status,
                                     const std::string& reason, std::optional<std::int64_t> expected_revision) {
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  auto blueprint = load_blueprint(*connection, tenant_id(), blueprint_id);
  if (!blueprint) throw not_found("blueprint " + blueprint_id);
  check_revision(*blueprint, expected_revision);
  const BlueprintStatus from = blueprint->status;
  const bool reviewing = status == BlueprintStatus::Approved || status == BlueprintStatus::Rejected;
  if (reviewing && from != BlueprintStatus::Draft) {
    throw ApiError(409, "illegal-transition",
                   "a blueprint is " + std::string(status_name(status)) + " from draft, and this one is " +
                       std::string(status_name(from)));
  }
  if (status == BlueprintStatus::Archived && from == BlueprintStatus::Archived) {
    throw ApiError(409, "illegal-transition", "the blueprint is archived already");
  }
  if (status == BlueprintStatus::Draft) {
    throw ApiError(409, "illegal-transition", "a blueprint becomes a draft again by saving a new version");
  }
  const auto head = load_version(*connection, tenant_id(), blueprint_id, blueprint->head);
  if (status == BlueprintStatus::Approved && head && head->errors > 0) {
    throw ApiError(409, "version-has-errors",
                   "version " + std::to_string(head->number) + " has " + std::to_string(head->errors) +
                       " error(s); only a version that checks clean can be approved");
  }
  const std::string time = store_.now();
  blueprint->status = status;
  blueprint->status_by = context_.principal.key_id;
  blueprint->status_reason = reason;
  blueprint->status_at = time;
  blueprint->updated_at = time;
  blueprint->revision += 1;
  Statement update(*connection,
                   "UPDATE blueprints SET status = ?3, status_by = ?4, status_reason = ?5, status_at = ?6, "
                   "updated_at = ?6, revision = revision + 1 WHERE tenant_id = ?1 AND id = ?2");
  update.bind(1, tenant_id())
      .bind(2, blueprint_id)
      .bind(3, status_name(status))
      .bind(4, context_.principal.key_id)
      .bind(5, reason)
      .bind(6, time)
      .run();
  append_event(*connection,
               {tenant_id(), "blueprint." + std::string(status_name(status)), "blueprints/" + blueprint_id,
                json{{"blueprintId", blueprint_id},
                     {"name", blueprint->name},
                     {"version", blueprint->head},
                     {"from", status_name(from)},
                     {"by", context_.principal.key_id},
                     {"reason", reason}}
                    .dump(),
                context_.correlation_id, time});
  transaction.commit();
  return *blueprint;
}

Page<Version> TenantStore::list_versions(const std::string& blueprint_id, std::int64_t limit,
                                         const std::optional<std::string>& after) const {
  auto connection = store_.pool_->borrow();
  if (!load_blueprint(*connection, tenant_id(), blueprint_id)) throw not_found("blueprint " + blueprint_id);
  std::int64_t after_number = 0;
  if (after) {
    try {
      after_number = std::stoll(*after);
    } catch (const std::exception&) {
      throw ApiError(400, "invalid-cursor", "the cursor is not one this service gave");
    }
  }
  Statement query(*connection, std::string("SELECT ") + kVersionColumns +
                                   " FROM versions WHERE tenant_id = ?1 AND blueprint_id = ?2 AND number > ?3 "
                                   "ORDER BY number LIMIT ?4");
  query.bind(1, tenant_id()).bind(2, blueprint_id).bind(3, after_number).bind(4, limit + 1);
  Page<Version> page;
  while (query.step()) page.items.push_back(read_version(query));
  if (static_cast<std::int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next = std::to_string(page.items.back().number);
  }
  return page;
}

std::optional<Version> TenantStore::find_version(const std::string& blueprint_id, std::int64_t number) const {
  auto connection = store_.pool_->borrow();
  return load_version(*connection, tenant_id(), blueprint_id, number);
}

std::optional<std::string> TenantStore::source(const std::string& blueprint_id, std::int64_t number) const {
  const auto version = find_version(blueprint_id, number);
  if (!version) return std::nullopt;
  return store_.blobs_->get(version->hash);
}

std::optional<std::string> TenantStore::source(const Version& version) const {
  return store_.blobs_->get(version.hash);
}

std::optional<std::string> TenantStore::source_file(const Version& version) const {
  return store_.blobs_->file(version.hash);
}

std::vector<Tag> TenantStore::list_tags(const std::string& blueprint_id) const {
  auto connection = store_.pool_->borrow();
  if (!load_blueprint(*connection, tenant_id(), blueprint_id)) throw not_found("blueprint " + blueprint_id);
  Statement query(*connection,
                  "SELECT name, number, updated_at FROM tags WHERE tenant_id = ?1 AND blueprint_id = ?2 ORDER BY name");
  query.bind(1, tenant_id()).bind(2, blueprint_id);
  std::vector<Tag> tags;
  while (query.step()) tags.push_back(Tag{query.text(0), query.integer(1), query.text(2)});
  return tags;
}

Tag TenantStore::set_tag(const std::string& blueprint_id, const std::string& name, std::int64_t number) {
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  if (!load_version(*connection, tenant_id(), blueprint_id, number)) {
    throw not_found("version " + std::to_string(number) + " of blueprint " + blueprint_id);
  }
  const Tag tag{name, number, store_.now()};
  Statement upsert(*connection,
                   "INSERT INTO tags (tenant_id, blueprint_id, name, number, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                   "ON CONFLICT (tenant_id, blueprint_id, name) DO UPDATE SET number = ?4, updated_at = ?5");
  upsert.bind(1, tenant_id()).bind(2, blueprint_id).bind(3, name).bind(4, number).bind(5, tag.updated_at).run();
  append_event(*connection, {tenant_id(), "versioning.tagged", "blueprints/" + blueprint_id + "/tags/" + name,
                             json{{"blueprintId", blueprint_id}, {"tag", name}, {"version", number}}.dump(),
                             context_.correlation_id, tag.updated_at});
  transaction.commit();
  return tag;
}

void TenantStore::delete_tag(const std::string& blueprint_id, const std::string& name) {
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  Statement remove(*connection, "DELETE FROM tags WHERE tenant_id = ?1 AND blueprint_id = ?2 AND name = ?3");
  remove.bind(1, tenant_id()).bind(2, blueprint_id).bind(3, name).run();
  if (connection->changes() == 0) throw not_found("tag " + name);
  append_event(*connection, {tenant_id(), "versioning.untagged", "blueprints/" + blueprint_id + "/tags/" + name,
                             json{{"blueprintId", blueprint_id}, {"tag", name}}.dump(), context_.correlation_id,
                             store_.now()});
  transaction.commit();
}

std::optional<std::int64_t> TenantStore::resolve_tag(const std::string& blueprint_id, const std::string& name) const {
  auto connection = store_.pool_->borrow();
  Statement query(*connection, "SELECT number FROM tags WHERE tenant_id = ?1 AND blueprint_id = ?2 AND name = ?3");
  query.bind(1, tenant_id()).bind(2, blueprint_id).bind(3, name);
  if (!query.step()) return std::nullopt;
  return query.integer(0);
}

std::vector<StoredEvent> TenantStore::events_after(std::int64_t after_sequence, std::int64_t limit) const {
  auto connection = store_.pool_->borrow();
  Statement query(*connection,
                  "SELECT seq, id, type, schema_version, time, tenant_id, correlation_id, subject, data FROM events "
                  "WHERE tenant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
  query.bind(1, tenant_id()).bind(2, after_sequence).bind(3, limit);
  std::vector<StoredEvent> events;
  while (query.step()) {
    events.push_back(StoredEvent{query.integer(0), query.text(1), query.text(2), query.integer(3), query.text(4),
                                 query.text(5), query.optional_text(6), query.optional_text(7), query.text(8)});
  }
  return events;
}

Store::CreatedKey TenantStore::create_key(const std::string& name, Role role) {
  return store_.create_key(tenant_id(), name, role, context_);
}

std::vector<ApiKey> TenantStore::list_keys() const { return store_.list_keys(tenant_id()); }

void TenantStore::revoke_key(const std::string& key_id) { store_.revoke_key(tenant_id(), key_id, context_); }

std::optional<TenantStore::RecordedAnswer> TenantStore::reserve_answer(const std::string& key,
                                                                       const std::string& request_hash) {
  auto connection = store_.pool_->borrow();
  const std::string time = store_.now();
  Statement reserve(*connection,
                    "INSERT INTO idempotency_keys (tenant_id, key, request_hash, status, body, created_at) "
                    "VALUES (?1, ?2, ?3, 0, '', ?4) ON CONFLICT DO NOTHING");
  reserve.bind(1, tenant_id()).bind(2, key).bind(3, request_hash).bind(4, time).run();
  if (connection->changes() == 1) return std::nullopt;

  Statement query(*connection,
                  "SELECT request_hash, status, body, created_at FROM idempotency_keys WHERE tenant_id = ?1 AND key = ?2");
  query.bind(1, tenant_id()).bind(2, key);
  if (!query.step()) return reserve_answer(key, request_hash);  // released meanwhile: try again
  RecordedAnswer recorded{query.text(0), static_cast<int>(query.integer(1)), query.text(2)};
  const std::string reserved_at = query.text(3);
  const std::string abandoned_before = format_utc(std::chrono::system_clock::now() - kAbandonedReservation);
  if (recorded.status == 0 && reserved_at < abandoned_before) {
    Statement take_over(*connection,
                        "UPDATE idempotency_keys SET request_hash = ?3, created_at = ?4 "
                        "WHERE tenant_id = ?1 AND key = ?2 AND status = 0 AND created_at = ?5");
    take_over.bind(1, tenant_id()).bind(2, key).bind(3, request_hash).bind(4, time).bind(5, reserved_at).run();
    if (connection->changes() == 1) return std::nullopt;
  }
  return recorded;
}

void TenantStore::record_answer(const std::string& key, int status, const std::string& body) {
  auto connection = store_.pool_->borrow();
  Statement record(*connection, "UPDATE idempotency_keys SET status = ?3, body = ?4 WHERE tenant_id = ?1 AND key = ?2");
  record.bind(1, tenant_id()).bind(2, key).bind(3, static_cast<std::int64_t>(status)).bind(4, body).run();
}

void TenantStore::release_answer(const std::string& key) {
  auto connection = store_.pool_->borrow();
  Statement release(*connection, "DELETE FROM idempotency_keys WHERE tenant_id = ?1 AND key = ?2 AND status = 0");
  release.bind(1, tenant_id()).bind(2, key).run();
}

}  // namespace bpc::service
