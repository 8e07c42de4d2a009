#pragma once

// One description of the IR's record nodes, read by everything that walks a module member by
// member: the JSON writer and loader (ir/json.cpp), the JSON Schema of that form
// (ir/json_schema.cpp, committed as ir/ir-schema.json), the verifier's reference checks
// (ir/verifier.cpp), and the tests that hold the printer and the semantic diff to showing and
// comparing every member (tests/ir/describe_test.cpp).
//
// `describe(v, node)` calls one method of the visitor `v` per member of `node`, in the order of
// the JSON form, with the member's JSON key and what kind of member it is:
//
//   v.text(key, m)                      a string (std::string or Sparse<std::string>)
//   v.word(key, m, words, what)         a string from a closed set of words
//   v.texts(key, m)                     a list of strings
//   v.flag(key, m)                      a bool
//   v.optional_text(key, m)             Boxed<std::string>: a string or null
//   v.optional_number(key, m)           Boxed<std::string>: a number's spelling or null
//   v.optional_count(key, m)            std::optional<unsigned>: a non-negative integer or null
//   v.choice(key, m, spellings, what)   an enum class, spelled by a table
//   v.choices(key, m, spellings, what)  a list of them
//   v.reference(key, m, presence)       an Id into the store its type names (null when none)
//   v.references(key, m)                a list of Ids (std::vector or Sparse<std::vector>)
//   v.state(key, m, states)             an index into the values of enum `states`
//   v.states(key, m, states)            a list of them
//   v.transition(key, m, workflow)      an index into the transitions of `workflow`, or none
//   v.value(key, m)                     an optional Value (Boxed or std::optional): a value or null
//   v.named_values(key, m)              a list of (name, Value) pairs
//   v.owner(key, m)                     a FieldOwner
//   v.location(key, m)                  a Location
//   v.record(key, m)                    a nested record, itself described (or Sparse of one)
//   v.records(key, m, context...)       a list of them; `context` goes to their describe()
//
// Values, types and field owners are the IR's three variant nodes (which members exist depends on
// their kind); each reader of this description treats them as one unit (v.value, v.owner, and
// the module's `types` store). Adding a member to a record node is one line here: the JSON form,
// its loader, its schema and the verifier follow, and describe_test fails until the printer and
// the diff show it.
//
// `describe` takes its node as `N&` where N is the node type, const or not: writers see const
// members, the loader assigns them.

#include <array>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ir/ir.h"

namespace bpc::ir {

// ---- spellings ---------------------------------------------------------------------------------

template <typename E>
using Spellings = std::initializer_list<std::pair<std::string_view, E>>;
using Words = std::initializer_list<std::string_view>;

inline const Spellings<Type::Kind> kTypeKindSpellings = {
    {"scalar", Type::Kind::Scalar}, {"alias", Type::Kind::Alias},
    {"enum", Type::Kind::Enum},     {"struct", Type::Kind::Struct},
    {"entity", Type::Kind::Entity}, {"optional", Type::Kind::Optional},
    {"list", Type::Kind::List},     {"map", Type::Kind::Map}};

inline const Spellings<Scalar> kScalarSpellings = {
    {"string", Scalar::String},     {"text", Scalar::Text},       {"int", Scalar::Int},
    {"float", Scalar::Float},       {"decimal", Scalar::Decimal}, {"bool", Scalar::Bool},
    {"uuid", Scalar::Uuid},         {"date", Scalar::Date},       {"datetime", Scalar::DateTime},
    {"duration", Scalar::Duration}, {"bytes", Scalar::Bytes},     {"json", Scalar::Json}};

inline const Spellings<Value::Kind> kValueKindSpellings = {
    {"null", Value::Kind::Null},       {"bool", Value::Kind::Bool},
    {"integer", Value::Kind::Integer}, {"number", Value::Kind::Number},
    {"string", Value::Kind::String},   {"name", Value::Kind::Name},
    {"list", Value::Kind::List},       {"object", Value::Kind::Object}};

inline const Spellings<FieldOwner::Kind> kOwnerKindSpellings = {
    {"struct", FieldOwner::Kind::Struct},
    {"entity", FieldOwner::Kind::Entity},
    {"event", FieldOwner::Kind::Event},
    {"operation", FieldOwner::Kind::Operation},
    {"transition", FieldOwner::Kind::Transition}};

inline const Spellings<OnDelete> kOnDeleteSpellings = {
    {"restrict", OnDelete::Restrict}, {"cascade", OnDelete::Cascade}, {"setNull", OnDelete::SetNull}};

inline const Spellings<HttpMethod> kMethodSpellings = {
    {"GET", HttpMethod::Get},     {"POST", HttpMethod::Post},     {"PUT", HttpMethod::Put},
    {"PATCH", HttpMethod::Patch}, {"DELETE", HttpMethod::Delete}};

inline const Spellings<Operation::Kind> kOperationKindSpellings = {
    {"custom", Operation::Kind::Custom}, {"list", Operation::Kind::List},
    {"get", Operation::Kind::Get},       {"create", Operation::Kind::Create},
    {"update", Operation::Kind::Update}, {"delete", Operation::Kind::Delete},
    {"transition", Operation::Kind::Transition}, {"restore", Operation::Kind::Restore},
    {"download", Operation::Kind::Download}, {"upload", Operation::Kind::Upload},
    {"related", Operation::Kind::Related}};

inline const Spellings<Assignment::Source> kAssignmentSourceSpellings = {
    {"parameter", Assignment::Source::Parameter}, {"now", Assignment::Source::Now}, {"null", Assignment::Source::Null}};

inline const Spellings<CrudAction> kCrudActionSpellings = {
    {"list", CrudAction::List},     {"get", CrudAction::Get},      {"create", CrudAction::Create},
    {"update", CrudAction::Update}, {"delete", CrudAction::Delete}};

// Closed sets of words the IR keeps as strings.
inline const Words kIntentKindWords = {"feature", "page", "component", "integration"};
inline const Words kPriorityWords = {"", "low", "medium", "high", "critical"};
inline const Words kPlatformWords = {"", "web", "mobile", "desktop", "api", "fullstack"};

template <typename E>
std::string_view spelling(Spellings<E> table, E value) {
  for (const auto& [text, e] : table) {
    if (e == value) return text;
  }
  return "?";
}

// ---- stores ------------------------------------------------------------------------------------

// The module's arrays an index can point into, with their JSON keys and their names in messages.
enum class Store : std::uint8_t {
  Files, Types, Aliases, Enums, Structs, Entities, Fields, Relations, Events, Roles, Policies,
  Workflows, Apis, Operations, Intents, Targets
};
struct StoreInfo {
  std::string_view key;
  std::string_view singular;
};
inline constexpr std::array<StoreInfo, 16> kStores = {{{"files", "file"},
                                                       {"types", "type"},
                                                       {"aliases", "alias"},
                                                       {"enums", "enum"},
                                                       {"structs", "struct"},
                                                       {"entities", "entity"},
                                                       {"fields", "field"},
                                                       {"relations", "relation"},
                                                       {"events", "event"},
                                                       {"roles", "role"},
                                                       {"policies", "policy"},
                                                       {"workflows", "workflow"},
                                                       {"apis", "api"},
                                                       {"operations", "operation"},
                                                       {"intents", "intent"},
                                                       {"targets", "target"}}};
inline constexpr const StoreInfo& store_info(Store store) { return kStores[static_cast<std::size_t>(store)]; }

// The store an ID type indexes.
template <typename IdType>
constexpr Store store_of() {
  if constexpr (std::is_same_v<IdType, TypeId>) return Store::Types;
  else if constexpr (std::is_same_v<IdType, AliasId>) return Store::Aliases;
  else if constexpr (std::is_same_v<IdType, EnumId>) return Store::Enums;
  else if constexpr (std::is_same_v<IdType, StructId>) return Store::Structs;
  else if constexpr (std::is_same_v<IdType, EntityId>) return Store::Entities;
  else if constexpr (std::is_same_v<IdType, FieldId>) return Store::Fields;
  else if constexpr (std::is_same_v<IdType, RelationId>) return Store::Relations;
  else if constexpr (std::is_same_v<IdType, EventId>) return Store::Events;
  else if constexpr (std::is_same_v<IdType, RoleId>) return Store::Roles;
  else if constexpr (std::is_same_v<IdType, PolicyId>) return Store::Policies;
  else if constexpr (std::is_same_v<IdType, WorkflowId>) return Store::Workflows;
  else if constexpr (std::is_same_v<IdType, ApiId>) return Store::Apis;
  else if constexpr (std::is_same_v<IdType, OperationId>) return Store::Operations;
  else if constexpr (std::is_same_v<IdType, IntentId>) return Store::Intents;
  else {
    static_assert(std::is_same_v<IdType, TargetId>, "not an IR ID type");
    return Store::Targets;
  }
}

// Whether a reference may be none (JSON null).
enum class Presence : std::uint8_t { Required, Nullable };

// Calls `each(key, store)` for every top-level store of records, in the order of the JSON form
// (after "files", "header" and "types").
template <typename M, typename Each>
void for_each_record_store(M& m, Each&& each) {
  each(Store::Aliases, m.aliases);
  each(Store::Enums, m.enums);
  each(Store::Structs, m.structs);
  each(Store::Entities, m.entities);
  each(Store::Fields, m.fields);
  each(Store::Relations, m.relations);
  each(Store::Events, m.events);
  each(Store::Roles, m.roles);
  each(Store::Policies, m.policies);
  each(Store::Workflows, m.workflows);
  each(Store::Apis, m.apis);
  each(Store::Operations, m.operations);
  each(Store::Intents, m.intents);
  each(Store::Targets, m.targets);
}

// ---- the records -------------------------------------------------------------------------------

template <typename N, typename T>
concept NodeOf = std::same_as<std::remove_const_t<N>, T>;

// The name of a record's definition in the JSON Schema and in messages.
template <typename T> constexpr std::string_view record_name();
template <> constexpr std::string_view record_name<Header>() { return "header"; }
template <> constexpr std::string_view record_name<Constraints>() { return "constraints"; }
template <> constexpr std::string_view record_name<Alias>() { return "alias"; }
template <> constexpr std::string_view record_name<EnumValue>() { return "enumValue"; }
template <> constexpr std::string_view record_name<Enum>() { return "enum"; }
template <> constexpr std::string_view record_name<Struct>() { return "struct"; }
template <> constexpr std::string_view record_name<Entity>() { return "entity"; }
template <> constexpr std::string_view record_name<Field>() { return "field"; }
template <> constexpr std::string_view record_name<Relation>() { return "relation"; }
template <> constexpr std::string_view record_name<Event>() { return "event"; }
template <> constexpr std::string_view record_name<Role>() { return "role"; }
template <> constexpr std::string_view record_name<PolicyRule>() { return "policyRule"; }
template <> constexpr std::string_view record_name<Policy>() { return "policy"; }
template <> constexpr std::string_view record_name<Transition>() { return "transition"; }
template <> constexpr std::string_view record_name<Workflow>() { return "workflow"; }
template <> constexpr std::string_view record_name<Resource>() { return "resource"; }
template <> constexpr std::string_view record_name<ActionEmit>() { return "actionEmit"; }
template <> constexpr std::string_view record_name<Handler>() { return "handler"; }
template <> constexpr std::string_view record_name<Key>() { return "key"; }
template <> constexpr std::string_view record_name<Assignment>() { return "assignment"; }
template <> constexpr std::string_view record_name<Api>() { return "api"; }
template <> constexpr std::string_view record_name<Operation>() { return "operation"; }
template <> constexpr std::string_view record_name<Intent>() { return "intent"; }
template <> constexpr std::string_view record_name<Target>() { return "target"; }

template <typename V, NodeOf<Header> N>
void describe(V& v, N& h) {
  v.text("name", h.name);
  v.text("version", h.version);
  v.text("domain", h.domain);
  v.word("platform", h.platform, kPlatformWords, "platform");
  v.texts("locales", h.locales);
  v.text("description", h.description);
  v.text("license", h.license);
  v.text("contactName", h.contact_name);
  v.text("contactEmail", h.contact_email);
  v.text("contactUrl", h.contact_url);
  v.text("doc", h.doc);
  v.location("location", h.location);
}

template <typename V, NodeOf<Constraints> N>
void describe(V& v, N& c) {
  v.optional_number("min", c.min);
  v.optional_number("max", c.max);
  v.optional_count("minLength", c.min_length);
  v.optional_count("maxLength", c.max_length);
  v.optional_text("pattern", c.pattern);
  v.optional_text("format", c.format);
  v.optional_count("precision", c.precision);
  v.optional_count("scale", c.scale);
  v.flag("id", c.is_id);
  v.flag("generated", c.generated);
  v.flag("updatedAt", c.updated_at);
  v.flag("deletedAt", c.deleted_at);
  v.flag("tenant", c.tenant);
  v.flag("owner", c.owner);
  v.flag("unique", c.unique);
  v.flag("index", c.index);
  v.flag("searchable", c.searchable);
  v.flag("readonly", c.readonly);
  v.flag("secret", c.secret);
  v.optional_text("deprecated", c.deprecated);
}

template <typename V, NodeOf<Alias> N>
void describe(V& v, N& a) {
  v.text("name", a.name);
  v.reference("target", a.target, Presence::Required);
  v.record("constraints", a.constraints);
  v.value("default", a.default_value);
  v.text("doc", a.doc);
  v.location("location", a.location);
}

template <typename V, NodeOf<EnumValue> N>
void describe(V& v, N& e) {
  v.text("name", e.name);
  v.optional_text("deprecated", e.deprecated);
  v.optional_text("wire", e.wire);
  v.text("doc", e.doc);
  v.location("location", e.location);
}

template <typename V, NodeOf<Enum> N>
void describe(V& v, N& e) {
  v.text("name", e.name);
  v.records("values", e.values);
  v.text("doc", e.doc);
  v.location("location", e.location);
}

template <typename V, NodeOf<Struct> N>
void describe(V& v, N& s) {
  v.text("name", s.name);
  v.references("fields", s.fields);
  v.text("doc", s.doc);
  v.location("location", s.location);
}

template <typename V, NodeOf<Key> N>
void describe(V& v, N& k) {
  v.flag("unique", k.unique);
  v.references("fields", k.fields);
  v.location("location", k.location);
}

template <typename V, NodeOf<Entity> N>
void describe(V& v, N& e) {
  v.text("name", e.name);
  v.references("fields", e.fields);
  v.records("keys", e.keys);
  v.reference("idField", e.id_field, Presence::Nullable);
  v.text("doc", e.doc);
  v.location("location", e.location);
}

template <typename V, NodeOf<Field> N>
void describe(V& v, N& f) {
  v.text("name", f.name);
  v.reference("type", f.type, Presence::Required);
  v.value("default", f.default_value);
  v.record("constraints", f.constraints);
  v.owner("owner", f.owner);
  v.reference("relation", f.relation, Presence::Nullable);
  v.text("doc", f.doc);
  v.location("location", f.location);
}

template <typename V, NodeOf<Relation> N>
void describe(V& v, N& r) {
  v.reference("source", r.source, Presence::Required);
  v.reference("field", r.field, Presence::Required);
  v.reference("target", r.target, Presence::Required);
  v.flag("many", r.many);
  v.flag("optional", r.optional);
  v.reference("inverse", r.inverse, Presence::Nullable);
  v.choice("onDelete", r.on_delete, kOnDeleteSpellings, "onDelete action");
}

template <typename V, NodeOf<Event> N>
void describe(V& v, N& e) {
  v.text("name", e.name);
  v.references("fields", e.fields);
  v.records("handlers", e.handlers);
  v.text("doc", e.doc);
  v.location("location", e.location);
}

template <typename V, NodeOf<Role> N>
void describe(V& v, N& r) {
  v.text("name", r.name);
  v.text("doc", r.doc);
  v.location("location", r.location);
}

template <typename V, NodeOf<PolicyRule> N>
void describe(V& v, N& r) {
  v.flag("allow", r.allow);
  v.references("roles", r.roles);
  v.texts("actions", r.actions);
  v.references("targetEntities", r.targets);
  v.references("targetApis", r.target_apis);
  v.references("targetWorkflows", r.target_workflows);
  v.text("guard", r.guard);
  v.location("location", r.location);
}

template <typename V, NodeOf<Policy> N>
void describe(V& v, N& p) {
  v.text("name", p.name);
  v.records("rules", p.rules);
  v.text("doc", p.doc);
  v.location("location", p.location);
}

// `states`: the enum of the workflow the transition belongs to.
template <typename V, NodeOf<Assignment> N>
void describe(V& v, N& a) {
  v.reference("field", a.field, Presence::Required);
  v.choice("value", a.source, kAssignmentSourceSpellings, "assignment value");
  v.reference("parameter", a.parameter, Presence::Nullable);
  v.location("location", a.location);
}

template <typename V, NodeOf<Transition> N>
void describe(V& v, N& t, EnumId states) {
  v.states("from", t.from, states);
  v.state("to", t.to, states);
  v.text("trigger", t.trigger);
  v.references("parameters", t.parameters);
  v.references("roles", t.roles);
  v.text("guard", t.guard);
  v.records("sets", t.sets);
  v.references("emits", t.emits);
  v.text("doc", t.doc);
  v.location("location", t.location);
}

template <typename V, NodeOf<Workflow> N>
void describe(V& v, N& w) {
  v.text("name", w.name);
  v.reference("entity", w.entity, Presence::Required);
  v.reference("stateField", w.state_field, Presence::Required);
  v.reference("states", w.states, Presence::Required);
  v.state("initial", w.initial, w.states);
  v.texts("guards", w.guards);
  v.records("transitions", w.transitions, w.states);
  v.text("doc", w.doc);
  v.location("location", w.location);
}

template <typename V, NodeOf<ActionEmit> N>
void describe(V& v, N& e) {
  v.choice("action", e.action, kCrudActionSpellings, "resource action");
  v.reference("event", e.event, Presence::Required);
  v.location("location", e.location);
}

template <typename V, NodeOf<Handler> N>
void describe(V& v, N& h) {
  v.text("name", h.name);
  v.text("trigger", h.trigger);
  v.reference("workflow", h.workflow, Presence::Nullable);
  v.references("path", h.path);
  v.text("doc", h.doc);
  v.location("location", h.location);
}

template <typename V, NodeOf<Resource> N>
void describe(V& v, N& r) {
  v.reference("entity", r.entity, Presence::Required);
  v.choices("actions", r.actions, kCrudActionSpellings, "resource action");
  v.records("emits", r.emits);
  v.reference("workflow", r.workflow, Presence::Nullable);
  v.location("location", r.location);
}

template <typename V, NodeOf<Api> N>
void describe(V& v, N& a) {
  v.text("name", a.name);
  v.text("basePath", a.base_path);
  v.records("resources", a.resources);
  v.references("operations", a.operations);
  v.text("doc", a.doc);
  v.location("location", a.location);
}

template <typename V, NodeOf<Operation> N>
void describe(V& v, N& o) {
  v.text("name", o.name);
  v.choice("kind", o.kind, kOperationKindSpellings, "operation kind");
  v.reference("api", o.api, Presence::Required);
  v.reference("entity", o.entity, Presence::Nullable);
  v.reference("workflow", o.workflow, Presence::Nullable);
  v.transition("transition", o.transition, o.workflow);
  v.reference("via", o.via, Presence::Nullable);
  v.references("parameters", o.parameters);
  v.reference("result", o.result, Presence::Nullable);
  v.choice("method", o.method, kMethodSpellings, "HTTP method");
  v.text("path", o.path);
  v.optional_count("status", o.status);
  v.references("roles", o.roles);
  v.optional_text("deprecated", o.deprecated);
  v.text("doc", o.doc);
  v.location("location", o.location);
}

template <typename V, NodeOf<Intent> N>
void describe(V& v, N& i) {
  v.word("kind", i.kind, kIntentKindWords, "intent kind");
  v.text("title", i.title);
  v.word("priority", i.priority, kPriorityWords, "priority");
  v.text("description", i.description);
  v.texts("uses", i.uses);
  v.text("doc", i.doc);
  v.location("location", i.location);
}

template <typename V, NodeOf<Target> N>
void describe(V& v, N& t) {
  v.text("name", t.name);
  v.named_values("options", t.options);
  v.text("doc", t.doc);
  v.location("location", t.location);
}

// ---- visitors that treat every kind of member alike ----------------------------------------

// Calls `on_member(key)` for each member, whatever its kind. With a function that records keys
// it lists a record's keys; as the base of a visitor that reads only some kinds it ignores the
// others (a kind the derived visitor declares hides the base's).
template <typename OnMember>
struct EveryMember {
  OnMember on_member;
  template <typename... Rest> void text(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void word(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void texts(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void flag(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void optional_text(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void optional_number(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void optional_count(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void choice(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void choices(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void reference(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void references(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void state(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void states(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void transition(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void value(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void named_values(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void owner(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void location(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void record(std::string_view key, const Rest&...) { on_member(key); }
  template <typename... Rest> void records(std::string_view key, const Rest&...) { on_member(key); }
};

template <typename OnMember>
EveryMember<OnMember> every_member(OnMember on_member) {
  return EveryMember<OnMember>{std::move(on_member)};
}

// ---- reading members whatever their wrapper ----------------------------------------------------

// The plain value of a member that may be Sparse (a Boxed member is read as the optional it is).
template <typename T>
const T& plain(const T& member) { return member; }
template <typename T>
const T& plain(const Sparse<T>& member) { return *member; }

}  // namespace bpc::ir
