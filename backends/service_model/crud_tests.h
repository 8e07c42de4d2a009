#pragma once

// What the generated record tests of one entity exercise, chosen once for every backend: which
// routes the tests call (those a role may always call), which filter, sort key, range, enum set
// and search fields the list tests use, which field an update changes and to what, the unique
// fields and keys, the secrets a create sets (which no answer may carry), the optional fields a
// create may leave out, a cascade to follow, a reference to leave dangling (and an id that names
// no record), the events the entity's actions declare and the fields handlers write after a
// create. A backend only spells the choices in its test framework, so every backend's suite
// checks the same things.

#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "backends/service_model/samples.h"
#include "backends/service_model/service_model.h"
#include "backends/service_model/test_plan.h"

namespace bpc::backends::service {

struct ListTests {
  ir::OperationId route;
  std::optional<ir::FieldId> filter;      // the first equality filter
  std::optional<ir::FieldId> unfiltered;  // a stored field that is no parameter: naming it is 400
  std::optional<ir::FieldId> sort;        // a sort key, not the id when there is another
  std::optional<ir::FieldId> range;       // a range-filtered field
  std::optional<ir::FieldId> any_of;      // an enum filter: several values match any
  std::vector<std::string_view> any_of_values;  // its values' wire names, in declaration order
  std::vector<ir::FieldId> search;        // the fields the text search matches
};

struct UpdateTests {
  ir::OperationId route;
  ir::FieldId field;  // changed to `value`: not a reference, not unique, not a datetime
  Sample value;
  std::optional<ir::FieldId> not_null;  // a field an update may not clear (null is 400)
  std::optional<ir::FieldId> touched;   // an @updatedAt field, moved forward by the update
};

struct CascadeTest {
  ir::EntityId entity;  // whose records go with a deleted one
  ir::FieldId field;    // through this reference
};

struct DanglingTest {
  ir::FieldId field;  // a single reference a create sets
  Sample id;          // a well-formed id of the referenced entity that names no record
};

struct DeclaredEventTest {
  std::string_view action;  // "create", "update" or "remove"
  ir::EventId event;
  std::optional<ir::FieldId> carrier;  // the event field holding the record, if one does
};

struct CrudTests {
  ir::OperationId create;  // none when the tests cannot call it
  ir::OperationId get;
  ir::OperationId remove;
  std::optional<ListTests> list;
  std::optional<UpdateTests> update;
  std::vector<ir::FieldId> unique;                      // @unique create fields, not references
  std::vector<ir::FieldId> secret;                      // @secret fields a create body sets: never answered
  std::vector<std::vector<ir::FieldId>> unique_keys;    // `unique (a, b)` keys a create sets
  std::vector<ir::FieldId> optional;                    // sample fields a create may leave out
  std::optional<CascadeTest> cascade;
  std::optional<DanglingTest> dangling;                 // a reference set to no record: 409
  std::optional<ir::FieldId> reference_list;            // a list of references: a round trip keeps its order
  std::vector<DeclaredEventTest> declared;
  // Fields that handlers write right after a create answers (TestPlan::changed_after_create): a
  // read of a new record matches the create's answer in every other field.
  std::vector<ir::FieldId> settled;
};

// How the sample records the tests make of an entity differ, so no two clash on a unique field or
// `unique (a, b)` key: `fresh` fields get a new referenced record each time (a `@unique`
// reference, or one reference of a key), `varied` fields another sample value each time, from
// `variants` values (a `@unique` field, or one field of a key without a reference to vary). Both
// hold field indices of the entity's sample fields.
struct SampleVariation {
  std::set<std::uint32_t> fresh;
  std::set<std::uint32_t> varied;
};
SampleVariation sample_variation(const ServiceModel& model, const Samples& samples, const TestPlan& plan, ir::EntityId entity,
                                 int variants);

// A well-formed id of `entity` that no record the tests make has: the 404 of a get, a relation
// route or a file route, and the 409 of a dangling reference. The tests' records take the first
// variants of a client-chosen id, so a far one is free; a fixed uuid or 999999 when the server
// generates ids. The fixed uuid too when no far sample fits the id's constraints.
Sample missing_id(const ServiceModel& model, const Samples& samples, ir::EntityId entity);

// The record tests of a creatable entity; `update_variant` is the sample variant the update sends
// (one the records the tests create do not hold).
CrudTests crud_tests(const ServiceModel& model, const Samples& samples, const TestPlan& plan, ir::EntityId entity,
                     int update_variant);

}  // namespace bpc::backends::service
