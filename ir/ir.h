#pragma once

// The typed intermediate representation of a checked blueprint.
//
// A Module is a set of value stores, one per kind of declaration, and every reference between
// IR nodes is a typed integer ID into one of them (EntityId, FieldId, TypeId...), never a pointer.
// IDs are small, copyable, comparable and serialize as plain numbers, which the JSON form, the
// language server and the service all rely on; the stores are append-only vectors, so an ID
// stays valid for the module's lifetime.
//
// Node kinds are plain data structs. Each records its name, its doc comment (the text of the
// `///` lines, without the slashes) and its source location, so diagnostics from later passes
// and generated code can point back at the blueprint. Types are interned: structurally equal
// types share one TypeId, so type equality is ID equality.
//
// The IR is what backends see. It holds resolved meaning, not syntax: a field's type is a TypeId,
// not a name; a resource is (after the desugaring pass) a list of explicit operations with HTTP
// routes; a workflow is a state machine over the enum of its state field. The verifier
// (verifier.h) checks the invariants every pass must preserve.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "ir/boxed.h"

namespace bpc::ir {

// ---- IDs ---------------------------------------------------------------------------------------

template <typename Tag>
struct Id {
  std::uint32_t index = UINT32_MAX;
  static constexpr Id none() { return Id{}; }
  bool is_none() const { return index == UINT32_MAX; }
  friend bool operator==(Id, Id) = default;
  friend auto operator<=>(Id, Id) = default;
};

using TypeId = Id<struct TypeTag>;
using AliasId = Id<struct AliasTag>;
using EnumId = Id<struct EnumTag>;
using StructId = Id<struct StructTag>;
using EntityId = Id<struct EntityTag>;
using FieldId = Id<struct FieldTag>;
using RelationId = Id<struct RelationTag>;
using EventId = Id<struct EventTag>;
using RoleId = Id<struct RoleTag>;
using PolicyId = Id<struct PolicyTag>;
using WorkflowId = Id<struct WorkflowTag>;
using ApiId = Id<struct ApiTag>;
using OperationId = Id<struct OperationTag>;
using IntentId = Id<struct IntentTag>;
using TargetId = Id<struct TargetTag>;

// ---- locations ---------------------------------------------------------------------------------

// Where a node was declared: a file (index into Module::files) and a byte range. Nodes the
// compiler creates (desugared operations) carry the location of what they came from.
struct Location {
  std::uint32_t file = UINT32_MAX;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Location&, const Location&) = default;
};

// ---- values ------------------------------------------------------------------------------------

// A constant: a default, a decorator argument, a property. Numbers keep their source spelling
// (`decimal` values must not pass through a double); `Name` is an enum value or other bare name.
struct Value {
  enum class Kind : std::uint8_t { Null, Bool, Integer, Number, String, Name, List, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  std::string text;  // Number: its spelling; String: the decoded value; Name: the name
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> entries;  // Object, in source order
  friend bool operator==(const Value&, const Value&) = default;
};

// ---- types -------------------------------------------------------------------------------------

enum class Scalar : std::uint8_t {
  String, Text, Int, Float, Decimal, Bool, Uuid, Date, DateTime, Duration, Bytes, Json
};

struct Type {
  enum class Kind : std::uint8_t { Scalar, Alias, Enum, Struct, Entity, Optional, List, Map };
  Kind kind = Kind::Scalar;
  Scalar scalar = Scalar::String;  // Kind::Scalar
  std::uint32_t declaration = UINT32_MAX;  // AliasId, EnumId, StructId or EntityId index
  TypeId element;  // Optional, List: the element; Map: the value (keys are strings)
  friend bool operator==(const Type&, const Type&) = default;
};

// Constraints and hints from decorators, on fields, parameters and aliases. Absent means unset.
// The text members are boxed (ir/boxed.h): most fields have none, and a field is the most
// numerous node of a module.
struct Constraints {
  Boxed<std::string> min;  // numbers keep their spelling
  Boxed<std::string> max;
  std::optional<std::uint64_t> min_length;
  std::optional<std::uint64_t> max_length;
  Boxed<std::string> pattern;
  Boxed<std::string> format;
  std::optional<std::uint32_t> precision;
  std::optional<std::uint32_t> scale;
  bool is_id = false;
  bool generated = false;
  bool updated_at = false;  // @updatedAt: generated, and set again on every write
  bool deleted_at = false;  // @deletedAt: a delete sets it and hides the record (soft delete)
  bool tenant = false;      // @tenant: the record belongs to the caller's tenant (row-level scope)
  bool owner = false;       // @owner: the record belongs to the caller (row-level scope)
  bool unique = false;
  bool index = false;
  bool searchable = false;  // @searchable: matched by the text search of list routes
  bool readonly = false;
  bool secret = false;
  Boxed<std::string> deprecated;  // the message, possibly empty
  friend bool operator==(const Constraints&, const Constraints&) = default;
};

// ---- data declarations -------------------------------------------------------------------------

struct Alias {
  std::string name;
  TypeId target;
  Constraints constraints;
  std::optional<Value> default_value;
  std::string doc;
  Location location;
  friend bool operator==(const Alias&, const Alias&) = default;
};

struct EnumValue {
  std::string name;
  Boxed<std::string> deprecated;  // the message, possibly empty
  Sparse<std::string> doc;  // read `*value.doc`
  Location location;
  Boxed<std::string> wire;  // `@value("LOW")`: how it travels and is stored; none: as its name
  friend bool operator==(const EnumValue&, const EnumValue&) = default;
};

struct Enum {
  std::string name;
  std::vector<EnumValue> values;
  std::string doc;
  Location location;
  friend bool operator==(const Enum&, const Enum&) = default;
};

// Whose field a field is.
struct FieldOwner {
  enum class Kind : std::uint8_t { Struct, Entity, Event, Operation, Transition };
  Kind kind = Kind::Entity;
  std::uint32_t index = UINT32_MAX;  // StructId, EntityId, EventId, OperationId, or the
                                     // transition's index in its workflow (see Workflow)
  std::uint32_t workflow = UINT32_MAX;  // Transition only: the WorkflowId
  friend bool operator==(const FieldOwner&, const FieldOwner&) = default;
};

// Members are ordered so that a field packs into 88 bytes without padding: it is the most
// numerous node (tests/ir/json_test.cpp pins the size).
struct Field {
  std::string name;
  Boxed<Value> default_value;
  Sparse<Constraints> constraints;  // read `field.constraints->unique`; write through `edit()`
  Sparse<std::string> doc;  // most fields have none: read `*field.doc`
  TypeId type;
  RelationId relation;  // set when the field refers to an entity
  FieldOwner owner;
  Location location;
  friend bool operator==(const Field&, const Field&) = default;
};

struct Struct {
  std::string name;
  std::vector<FieldId> fields;
  std::string doc;
  Location location;
  friend bool operator==(const Struct&, const Struct&) = default;
};

// `unique (a, b)` or `index (a, b)` in an entity: fields no two records share together, or the
// fields of one database index (their order is the index's).
struct Key {
  bool unique = false;
  std::vector<FieldId> fields;
  Location location;
  friend bool operator==(const Key&, const Key&) = default;
};

struct Entity {
  std::string name;
  std::vector<FieldId> fields;
  FieldId id_field;
  Sparse<std::string> doc;  // read `*entity.doc`
  Location location;
  std::vector<Key> keys;  // `unique (a, b)`, `index (a, b)`
  friend bool operator==(const Entity&, const Entity&) = default;
};

enum class OnDelete : std::uint8_t { Restrict, Cascade, SetNull };

// A reference from one entity's field to another entity. The side that stores the reference is
// `field`; `inverse` is the field on the target entity declared `@inverse(field)`, if any.
struct Relation {
  EntityId source;
  FieldId field;
  EntityId target;
  bool many = false;      // list<Target>
  bool optional = false;  // Target?
  FieldId inverse;
  OnDelete on_delete = OnDelete::Restrict;
  friend bool operator==(const Relation&, const Relation&) = default;
};

// `handler notifyWarehouse on OrderPlaced`: code written by hand in the generated project that
// runs after each such event is published. With `triggers pay on payment.order` it fires the
// trigger of a workflow on the record the path leads to instead: `path` is a field of the event
// holding a record, then single references from one record to the next.
struct Handler {
  std::string name;
  std::string trigger;          // empty: a handler written by hand
  WorkflowId workflow;          // the workflow whose trigger it fires
  std::vector<FieldId> path;    // the event's field, then references
  std::string doc;
  Location location;
  friend bool operator==(const Handler&, const Handler&) = default;
};

struct Event {
  std::string name;
  std::vector<FieldId> fields;
  std::vector<Handler> handlers;  // in declaration order
  std::string doc;
  Location location;
  friend bool operator==(const Event&, const Event&) = default;
};

// ---- security ----------------------------------------------------------------------------------

struct Role {
  std::string name;
  std::string doc;
  Location location;
  friend bool operator==(const Role&, const Role&) = default;
};

// An empty list means `*` (all roles, all actions); a rule with no targets of any kind covers
// every target. Targets are entities (record actions and triggers), APIs (their operations) and
// workflows (their triggers).
struct PolicyRule {
  bool allow = true;
  std::vector<RoleId> roles;
  std::vector<std::string> actions;
  std::vector<EntityId> targets;
  std::vector<ApiId> target_apis;
  std::vector<WorkflowId> target_workflows;
  std::string guard;
  Location location;
  friend bool operator==(const PolicyRule&, const PolicyRule&) = default;
};

struct Policy {
  std::string name;  // may be empty
  std::vector<PolicyRule> rules;
  std::string doc;
  Location location;
  friend bool operator==(const Policy&, const Policy&) = default;
};

// ---- behaviour ---------------------------------------------------------------------------------

// `sets shippedAt = now`: what a transition writes into a field of the record besides its state.
struct Assignment {
  enum class Source : std::uint8_t { Parameter, Now, Null };
  FieldId field;      // of the workflow's entity
  Source source = Source::Parameter;
  FieldId parameter;  // Parameter: one of the transition's parameters
  Location location;
  friend bool operator==(const Assignment&, const Assignment&) = default;
};

struct Transition {
  std::vector<std::uint32_t> from;  // indices into the state enum's values
  std::uint32_t to = 0;
  std::string trigger;
  std::vector<FieldId> parameters;
  std::vector<RoleId> roles;
  std::string guard;
  std::vector<EventId> emits;
  std::string doc;
  Location location;
  std::vector<Assignment> sets;  // in the order written
  friend bool operator==(const Transition&, const Transition&) = default;
};

struct Workflow {
  std::string name;
  EntityId entity;
  FieldId state_field;
  EnumId states;
  std::uint32_t initial = 0;  // index into the enum's values
  std::vector<std::string> guards;
  std::vector<Transition> transitions;
  std::string doc;
  Location location;
  friend bool operator==(const Workflow&, const Workflow&) = default;
};

enum class HttpMethod : std::uint8_t { Get, Post, Put, Patch, Delete };

struct Operation {
  // Crud kinds come from desugaring a resource; Transition from `with workflow`; Related lists
  // the records a relation field of another entity holds (`GET /customers/{id}/orders`);
  // Restore brings back a soft-deleted record (`POST /projects/{id}/restore`); Download and
  // Upload read and write a `bytes` field as a file (`GET`/`PUT /patients/{id}/photo`).
  // Related stays the last: tables by kind are sized from it.
  enum class Kind : std::uint8_t { Custom, List, Get, Create, Update, Delete, Transition, Restore, Download, Upload, Related };
  // Members are ordered to pack without padding: an API of 10,000 resources has 40,000 of these.
  std::string name;
  std::string path;  // relative to the API's base path, e.g. "/patients/{id}"
  std::vector<FieldId> parameters;
  Sparse<std::vector<RoleId>> roles;  // `by` clause; empty means the policies decide: `*op.roles`
  Boxed<std::string> deprecated;  // the message, possibly empty
  Sparse<std::string> doc;  // desugared operations have none: read `*operation.doc`
  ApiId api;
  EntityId entity;  // Crud and Transition kinds; Related: the entity of the records listed
  WorkflowId workflow;  // Transition kind
  FieldId via;  // Related: the relation field (`Customer.orders`) whose records it lists; Download,
                // Upload: the `bytes` field
  std::uint32_t transition = UINT32_MAX;
  TypeId result;  // none: no body
  Location location;
  Kind kind = Kind::Custom;
  HttpMethod method = HttpMethod::Post;
  // A custom operation's success status, `@http(POST, "/x", 202)`; none: 200, or 204 without a
  // result.
  std::optional<std::uint16_t> status;
  friend bool operator==(const Operation&, const Operation&) = default;
};

// What a resource offers (the IR JSON spells them "list", "get"...).
enum class CrudAction : std::uint8_t { List, Get, Create, Update, Delete };

// `create emits OrderPlaced` in a resource: the action raises the event after its write, with
// the payload filled from the record (docs/language.md, section 10).
struct ActionEmit {
  CrudAction action = CrudAction::Create;
  EventId event;
  Location location;
  friend bool operator==(const ActionEmit&, const ActionEmit&) = default;
};

struct Resource {
  EntityId entity;
  std::vector<CrudAction> actions;  // as written
  std::vector<ActionEmit> emits;    // at most one per action
  WorkflowId workflow;
  Location location;
  friend bool operator==(const Resource&, const Resource&) = default;
};

struct Api {
  std::string name;
  std::string base_path;
  std::vector<Resource> resources;    // as written; desugared into `operations`
  std::vector<OperationId> operations;
  std::string doc;
  Location location;
  friend bool operator==(const Api&, const Api&) = default;
};

// ---- product -----------------------------------------------------------------------------------

struct Intent {
  std::string kind;  // feature, page, component, integration
  std::string title;
  std::string priority;  // low, medium, high, critical; empty when not given
  std::string description;
  std::vector<std::string> uses;  // names of the declarations it uses
  std::string doc;
  Location location;
  friend bool operator==(const Intent&, const Intent&) = default;
};

struct Target {
  std::string name;
  std::vector<std::pair<std::string, Value>> options;
  std::string doc;
  Location location;
  friend bool operator==(const Target&, const Target&) = default;
};

struct Header {
  std::string name;
  std::string version;
  std::string domain;
  std::string platform;
  std::vector<std::string> locales;
  std::string description;
  std::string license;  // an SPDX license expression
  // Who to ask about the blueprint's APIs (`contact "Name <email> (url)"`): any of the three.
  std::string contact_name;
  std::string contact_email;
  std::string contact_url;
  std::string doc;
  Location location;
  friend bool operator==(const Header&, const Header&) = default;
};

// ---- the module --------------------------------------------------------------------------------

struct Module {
  std::vector<std::string> files;  // paths, as given; Location::file indexes this
  Header header;

  std::vector<Type> types;
  std::vector<Alias> aliases;
  std::vector<Enum> enums;
  std::vector<Struct> structs;
  std::vector<Entity> entities;
  // A deque: the largest store grows (desugaring adds parameters) without moving, so it is never
  // held twice while it grows, and references to fields stay valid.
  std::deque<Field> fields;
  std::vector<Relation> relations;
  std::vector<Event> events;
  std::vector<Role> roles;
  std::vector<Policy> policies;
  std::vector<Workflow> workflows;
  std::vector<Api> apis;
  std::vector<Operation> operations;
  std::vector<Intent> intents;
  std::vector<Target> targets;

  const Type& type(TypeId id) const { return types[id.index]; }
  const Field& field(FieldId id) const { return fields[id.index]; }
  const Entity& entity(EntityId id) const { return entities[id.index]; }
  const Enum& enumeration(EnumId id) const { return enums[id.index]; }
  friend bool operator==(const Module&, const Module&) = default;
};

// The type an alias chain stands for (and, with `through_optional`, what an optional type wraps).
// A cyclic alias chain (reported by the checker) stops after 1000 steps.
TypeId underlying(const Module& module, TypeId type, bool through_optional);

// Sets in `into` every value constraint `from` sets: min, max, the lengths, pattern, format,
// precision and scale (not the flags such as @unique).
void override_constraints(Constraints& into, const Constraints& from);
// The value constraints the aliases a type goes through give it (optional types are looked
// through), outer aliases overriding inner ones. A cyclic alias chain (reported by the checker)
// stops after 1000 steps.
Constraints alias_constraints(const Module& module, TypeId type);

// Turns a Number value whose spelling is a whole number within 64 bits (`42`, `-7`) into an
// Integer value; returns whether it did.
bool make_integer_if_exact(Value& value);

std::string_view scalar_name(Scalar scalar);
// How an enum value travels on the wire and is stored: its `@value`, else its name.
inline std::string_view wire_name(const EnumValue& value) { return value.wire ? *value.wire : value.name; }
// The wire spelling of the value named `name` of an enum (`name` itself when it has none).
std::string_view wire_name(const Enum& enumeration, std::string_view name);
// The entity's `@deletedAt` field (its records are soft-deleted), or none.
FieldId soft_delete_field(const Module& module, EntityId entity);
std::optional<Scalar> scalar_from_name(std::string_view name);
std::string_view http_method_name(HttpMethod method);
std::string_view operation_kind_name(Operation::Kind kind);
std::string_view on_delete_name(OnDelete action);
std::string_view crud_action_name(CrudAction action);
std::optional<CrudAction> crud_action_from_name(std::string_view name);
// Every CRUD action, in the order the language reference lists them.
inline constexpr CrudAction kCrudActions[] = {CrudAction::List, CrudAction::Get, CrudAction::Create,
                                              CrudAction::Update, CrudAction::Delete};

// The type as written in a blueprint: `list<Patient>`, `Email?`, `map<string, int>`.
std::string type_name(const Module& module, TypeId type);

}  // namespace bpc::ir
