// Phase 3c: which records a caller sees. A `@tenant` field holds the caller's tenant and an
// `@owner` field the caller's identity; the service sets them from the caller and never lets
// another tenant or owner see the record. Checked per entity (one field of each kind, one the
// service can set) and across the blueprint (a caller has one tenant and one identity, so every
// `@tenant` field has the same type, and there must be callers at all). A `@deletedAt` field
// hides deleted records from everyone: one per entity, set only by the service. Runs after the
// relations and keys.

#include <algorithm>
#include <array>

#include <fmt/ranges.h>

#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

struct ScopeKind {
  std::string_view decorator;  // "tenant"
  std::string_view claim;      // what of the caller it holds: "tenant", "identity"
  bool ir::Constraints::*flag;
};

constexpr std::array<ScopeKind, 2> kScopes{{
    {"tenant", "tenant", &ir::Constraints::tenant},
    {"owner", "identity", &ir::Constraints::owner},
}};

}  // namespace

void Lowerer::check_scopes() {
  check_soft_delete();
  // The decorator's own span when it can be found, else the field's.
  const auto decorator_of = [&](ir::FieldId field, std::string_view name) {
    const Site site = field_sites_[field.index];
    const Tree& t = tree(site.file);
    for (NodeId decorator : t.children(site.node)) {
      if (t.kind(decorator) == NodeKind::Decorator && t.text(t.child(decorator, NodeKind::Name)) == name) {
        return Site{site.file, decorator};
      }
    }
    return site;
  };
  const auto qualified = [&](const ir::Entity& entity, ir::FieldId field) {
    return fmt::format("{}.{}", entity.name, module_.field(field).name);
  };

  for (const ScopeKind& scope : kScopes) {
    ir::FieldId first_of_blueprint;  // the field whose type every other must have
    const ir::Entity* first_entity = nullptr;
    for (std::uint32_t index = 0; index < module_.entities.size(); ++index) {
      const ir::Entity& entity = module_.entities[index];
      ir::FieldId scoped;
      for (ir::FieldId field : entity.fields) {
        const ir::Field& f = module_.field(field);
        if (!((*f.constraints).*scope.flag)) continue;
        const Site site = decorator_of(field, scope.decorator);
        const auto refuse = [&](const std::string& reason) {
          (void)report<DiagnosticKind::InvalidScopeField>(site, f.name, scope.decorator, entity.name, reason);
        };
        if (!scoped.is_none()) {
          refuse(fmt::format("`{}` already is, and a record belongs to one {}", module_.field(scoped).name,
                             scope.decorator));
          continue;
        }
        if (f.constraints->is_id) { refuse("it is the record's id, which the service cannot take from the caller"); continue; }
        if (f.constraints->generated) { refuse("the service already fills it (`@generated`)"); continue; }
        if (is_inverse_side(field)) { refuse("it is an inverse side, which is not stored"); continue; }
        if (f.default_value) { refuse("it has a default, but the service always sets it from the caller"); continue; }
        scoped = field;
        if (module_.roles.empty()) {
          (void)report<DiagnosticKind::ScopeWithoutCaller>(site, scope.decorator, entity.name)
              .note(fmt::format("declare the roles callers hold (`role Member`); each caller's token then names its {}",
                                scope.claim));
        }
        if (f.type.is_none()) continue;  // reported unknown
        if (first_of_blueprint.is_none()) {
          first_of_blueprint = field;
          first_entity = &entity;
        } else if (underlying(f.type, true) != underlying(module_.field(first_of_blueprint).type, true)) {
          (void)report<DiagnosticKind::ScopeTypeMismatch>(
              site, scope.decorator, scope.claim, qualified(entity, field), ir::type_name(module_, f.type),
              qualified(*first_entity, first_of_blueprint), ir::type_name(module_, module_.field(first_of_blueprint).type))
              .label(span(decorator_of(first_of_blueprint, scope.decorator)), "the first `@" + std::string(scope.decorator) + "` field")
              .note(fmt::format("a caller has one {}, which every `@{}` field holds", scope.claim, scope.decorator));
        }
      }
      if (scoped.is_none()) continue;
      // Within a tenant, a value unique among its owners is the usual rule: only the broadest
      // scope asks its keys to include it.
      const bool has_tenant = std::any_of(entity.fields.begin(), entity.fields.end(),
                                          [&](ir::FieldId f) { return module_.field(f).constraints->tenant; });
      if (scope.decorator == "tenant" || !has_tenant) warn_unique_across_scope(index, scoped, scope.decorator);
    }
  }
}

void Lowerer::check_soft_delete() {
  for (const ir::Entity& entity : module_.entities) {
    ir::FieldId marker;
    for (ir::FieldId field : entity.fields) {
      const ir::Field& f = module_.field(field);
      if (!f.constraints->deleted_at) continue;
      const auto refuse = [&](const std::string& reason) {
        const Site site = field_sites_[field.index];
        (void)report<DiagnosticKind::InvalidSoftDeleteField>(site, f.name, entity.name, reason);
      };
      if (!marker.is_none()) {
        refuse(fmt::format("`{}` already is, and one time says when a record was deleted", module_.field(marker).name));
      } else if (f.default_value) {
        refuse("it has a default, but it must be null until the record is deleted");
      } else {
        marker = field;
      }
    }
  }
}

// A value unique across every tenant (or owner) of a scoped entity: a 409 on create then tells
// one tenant that another holds the value. Usually the key should be per tenant.
void Lowerer::warn_unique_across_scope(std::uint32_t entity_index, ir::FieldId scoped, std::string_view decorator) {
  const ir::Entity& entity = module_.entities[entity_index];
  const std::string_view scope_name = module_.field(scoped).name;
  const auto warn = [&](Site site, const std::string& what, const std::vector<std::string_view>& fields) {
    (void)report<DiagnosticKind::UniqueAcrossScopes>(site, what, entity.name, decorator, decorator)
        .note(fmt::format("a 409 on create tells one {} that another already holds the value", decorator))
        .note(fmt::format("to make it unique per {}, write `unique ({}, {})` instead", decorator, scope_name,
                          fmt::join(fields, ", ")));
  };
  for (ir::FieldId field : entity.fields) {
    const ir::Constraints& c = *module_.field(field).constraints;
    if (c.unique && !c.is_id && field != scoped) {
      const Site site = field_sites_[field.index];
      warn(site, fmt::format("`{}`", module_.field(field).name), {module_.field(field).name});
    }
  }
  const Site entity_site = entity_sites_[entity_index];
  const Tree& t = tree(entity_site.file);
  for (const ir::Key& key : entity.keys) {
    if (!key.unique || std::find(key.fields.begin(), key.fields.end(), scoped) != key.fields.end()) continue;
    // The key's node, found again by its location.
    Site site = entity_site;
    for (NodeId member : t.children(t.child(entity_site.node, NodeKind::FieldBlock))) {
      if (location(Site{entity_site.file, member}) == key.location) site = Site{entity_site.file, member};
    }
    std::vector<std::string_view> names;
    for (ir::FieldId f : key.fields) names.push_back(module_.field(f).name);
    warn(site, fmt::format("`unique ({})`", fmt::join(names, ", ")), names);
  }
}

}  // namespace bpc::lowering
