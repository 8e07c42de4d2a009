#pragma once

// What a generated service does, decided once for every backend that serves, documents or tests
// it (typescript and openapi today; python and cpp spell the same answers), so they cannot
// disagree: which fields a record stores and a create or update takes, which are required on
// create or filters of a list; which operation serves each CRUD action of an entity; the full
// path of each operation and the order a router must try them in; who may call an operation
// (access.h); every HTTP status an operation can answer; the names of the record events; and how
// the service fills a generated field.
//
// Built once per module (ServiceModel::of shares it through the build's SharedArtifacts) with
// every per-entity list computed up front, so backends ask as often as they like.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backends/shared_artifacts.h"
#include "backends/support/access.h"
#include "ir/ir.h"

namespace bpc::backends::service {

// How a relational store keeps a stored field in a column: scalars in a column of their type,
// a reference as its target's id, enums as their wire text, anything else (structs, lists,
// maps, `json`) as JSON text.
enum class ColumnKind : std::uint8_t { Text, Integer, Float, Boolean, Decimal, Date, DateTime, Json };

// How the service fills a `@generated` field when it creates a record (the checker allows
// `@generated` on these types only).
enum class GeneratedValue : std::uint8_t {
  RandomUuid,   // a uuid id: a random (version 4) UUID
  NextInteger,  // an int id: one more than the largest in the table
  Now,          // a datetime: the current time, RFC 3339 in UTC
};

// The record events writes raise: `Entity.created` and so on.
enum class RecordChange : std::uint8_t { Created, Updated, Deleted };

// The statuses an operation can answer, and why (what OpenAPI documents and tests expect).
enum class Answer : std::uint16_t {
  Ok = 200,
  Created = 201,
  NoContent = 204,
  BadRequest = 400,            // a parameter, the query or the body is invalid
  Unauthorized = 401,          // no credentials (blueprints with roles)
  Forbidden = 403,             // none of the caller's roles may call it
  NotFound = 404,              // the addressed record does not exist
  Conflict = 409,              // unique clash, a reference to no record, illegal transition, guard
                               // refusal, restricted delete
  PayloadTooLarge = 413,       // a body above the size limit
  UnsupportedMediaType = 415,  // a body that is not JSON (not multipart/form-data, for an upload)
  TooManyRequests = 429,       // the caller's (or its tenant's) rate limit is used up
  NotImplemented = 501,        // a custom operation not written yet
};

struct EntityFacts {
  std::vector<ir::FieldId> stored;   // every field but inverses
  std::vector<ir::FieldId> create;   // stored, not generated, not a scope, not the workflow's state
  std::vector<ir::FieldId> update;   // create fields that are not the id and not @readonly
  // The query of its list routes (ir/list_query.h).
  std::vector<ir::FieldId> filters;     // `?field=value`: @index/@unique fields but the id
  std::vector<ir::FieldId> ranges;      // filters on numbers, dates and datetimes: `field[gte]`...
  std::vector<ir::FieldId> sort_keys;   // `sort=field`: the id and filters that are not references
  std::vector<ir::FieldId> searchable;  // matched by `q`
  std::vector<ir::FieldId> touched;  // @updatedAt fields: set to the current time on every write
  // Row-level scope: the `@tenant` and `@owner` fields (none when unscoped). The service sets them
  // from the caller on create and shows a caller only the records that hold its tenant and identity.
  ir::FieldId tenant;
  ir::FieldId owner;
  // The `@deletedAt` field (none when records are deleted for good): a delete sets it, and
  // records with a value are hidden from every route until restored.
  ir::FieldId soft_delete;
  const ir::Workflow* workflow = nullptr;
  // Stored references (single, or lists) to this entity whose @onDelete is restrict (the
  // default): a delete can be refused while one of them points at the record.
  std::vector<ir::FieldId> restricting;
  // Stored single references to this entity whose @onDelete is cascade: deleting the record
  // deletes the records holding them.
  std::vector<ir::FieldId> cascading;
};

class ServiceModel {
 public:
  explicit ServiceModel(const ir::Module& module);

  // The build's one model of the module, made the first time a backend asks.
  static const ServiceModel& of(const ir::Module& module, SharedArtifacts& shared);

  const ir::Module& module() const { return module_; }

  // ---- types and fields --------------------------------------------------------------------
  // The type with aliases resolved (and, with `strip_optional`, optionality too).
  const ir::Type& base(ir::TypeId type, bool strip_optional = true) const;
  bool is_optional(ir::TypeId type) const;
  // A field's default, its own or its alias chain's.
  const ir::Value* default_of(const ir::Field& field) const;
  // The constraints of a field with those of its alias chain (the field's win).
  ir::Constraints constraints(ir::FieldId field) const;
  bool is_inverse(ir::FieldId field) const { return inverse_[field.index]; }
  bool is_workflow_state(ir::FieldId field) const { return state_field_[field.index]; }
  // The relation of a stored reference field (single or list), if it is one.
  const ir::Relation* reference(ir::FieldId field) const;
  // The entity a field refers to, single (`B`, `B?`) or as a list (`list<B>`); none otherwise.
  ir::EntityId referenced_entity(ir::FieldId field) const;
  bool is_reference_list(ir::FieldId field) const;
  // A `@unique` single reference: every record refers to a record of its own.
  bool is_unique_reference(ir::FieldId field) const;
  // Whether a create request must give the field: not optional, no default, and not a list of
  // references that may be empty (a many-to-many list starts empty when left out).
  bool required_on_create(ir::FieldId field) const;
  // How the service fills a generated field; nullopt when its type has no generator.
  std::optional<GeneratedValue> generated_value(ir::FieldId field) const;
  ColumnKind column_kind(ir::FieldId field) const;
  // How a query-string value of the type converts: "number", "boolean", "list" or "string".
  std::string parameter_kind(ir::TypeId type) const;

  // ---- entities ----------------------------------------------------------------------------
  const EntityFacts& entity(ir::EntityId entity) const { return entities_[entity.index]; }
  const std::vector<ir::FieldId>& stored_fields(ir::EntityId e) const { return entity(e).stored; }
  const std::vector<ir::FieldId>& create_fields(ir::EntityId e) const { return entity(e).create; }
  const std::vector<ir::FieldId>& update_fields(ir::EntityId e) const { return entity(e).update; }
  const std::vector<ir::FieldId>& filter_fields(ir::EntityId e) const { return entity(e).filters; }
  const ir::Workflow* workflow_of(ir::EntityId e) const { return entity(e).workflow; }
  // Whether the entity's records are scoped to the caller's tenant or identity.
  bool scoped(ir::EntityId e) const { return !entity(e).tenant.is_none() || !entity(e).owner.is_none(); }
  // Whether any entity is: then every request works on the records its caller may see.
  bool any_scoped() const { return any_scoped_; }
  // Whether some entity is scoped or soft-deleted: then routes work on the records their caller
  // may see, not on the whole store.
  bool any_hidden() const { return any_scoped_ || any_soft_delete_; }
  // Whether a write can clash with another record: a `@unique` field or a `unique (a, b)` key.
  bool has_unique_field(ir::EntityId e) const;
  // Whether the entity stores a reference (single or a list) to records of an entity.
  bool has_reference_field(ir::EntityId e) const;
  // `Entity.created`, `Entity.updated`, `Entity.deleted`.
  std::string record_event(ir::EntityId e, RecordChange change) const;

  // ---- operations --------------------------------------------------------------------------
  // The first operation serving the action on the entity; none when no API serves it.
  ir::OperationId crud(ir::EntityId e, ir::Operation::Kind kind) const;
  // What the API's routes are served under: its base path, empty for an API at the root.
  std::string_view route_prefix(ir::ApiId api) const;
  // The API's base path and the operation's route: `/api/v1/patients/{id}`.
  std::string full_path(ir::OperationId op) const;
  // The operation's parameters bound to its route's placeholders, and the rest (query or body).
  std::pair<std::vector<ir::FieldId>, std::vector<ir::FieldId>> split_parameters(ir::OperationId op) const;
  // The API's operations in the order a router must try them: literal segments before
  // placeholders (`/patients/search` before `/patients/{id}`), longer routes first.
  const std::vector<ir::OperationId>& route_order(ir::ApiId api) const { return route_order_[api.index]; }
  const OperationAccess& access(ir::OperationId op) const { return access_[op.index]; }
  // The declared events a create, update or delete raises after its write (`create emits
  // OrderPlaced`), besides its record event; empty for other operations.
  const std::vector<ir::EventId>& emits(ir::OperationId op) const { return emits_[op.index]; }
  // Whether the blueprint declares roles (else every operation is open).
  bool secured() const { return !module_.roles.empty(); }
  // A role that may always call the operation; nullopt when none may (or there are no roles).
  std::optional<ir::RoleId> caller(ir::OperationId op) const;
  // A role that may not always call it; nullopt when every role may.
  std::optional<ir::RoleId> refused_role(ir::OperationId op) const;
  // The status of the operation's success: `@http(..., 202)`, 201 for a create, 204 without a
  // result, else 200. (An Answer may hold any 2xx an operation declares.)
  Answer success(ir::OperationId op) const;
  // Every status the operation can answer, in increasing order.
  const std::vector<Answer>& answers(ir::OperationId op) const { return answers_[op.index]; }
  // The transitions of a workflow with a trigger, in order.
  const std::vector<std::uint32_t>& transitions_with_trigger(ir::WorkflowId workflow, const std::string& trigger) const {
    return trigger_transitions_[workflow.index].at(trigger);
  }

 private:
  std::vector<Answer> compute_answers(ir::OperationId op) const;
  // Whether the operation reads or writes records of a scoped entity (a caller of no tenant gets 403).
  bool touches_scoped(const ir::Operation& op) const;

  const ir::Module& module_;
  std::vector<bool> inverse_;
  std::vector<bool> state_field_;
  std::vector<const ir::Relation*> relation_;  // per field: the relation it owns or is the inverse of
  std::vector<EntityFacts> entities_;
  bool any_scoped_ = false;
  bool any_soft_delete_ = false;
  std::vector<std::vector<ir::OperationId>> crud_;  // entity -> kind -> first operation
  std::vector<std::vector<ir::OperationId>> route_order_;
  std::vector<OperationAccess> access_;
  std::vector<std::vector<ir::EventId>> emits_;
  std::vector<std::vector<Answer>> answers_;
  std::vector<std::unordered_map<std::string, std::vector<std::uint32_t>>> trigger_transitions_;
};

}  // namespace bpc::backends::service
