#pragma once

// What every backend's generated tests cover, and what they cannot, with the reason.
//
// The tests make records of an entity through its create route (with a role that may always call
// it), or, when no API serves a create, straight into the store with its generated fields filled
// as the service would. An entity is *creatable* when that works: a valid sample for every field
// a create requires (samples.h), and a creatable record for every required reference. The
// creatable set is the least one closed under that rule, found with a worklist: an entity waits
// for the entities its required references need, so a chain of 10,000 entities, each requiring
// the next, takes one pass.
//
// Tests that cannot be written are never dropped silently: `skipped()` lists each group with its
// reason (an entity's CRUD, constraint and workflow tests; a trigger's; a custom operation's), and
// every backend writes them as skipped tests, counts them in its build summary
// (OutputDirectory::report) and lists them in the generated README.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/service_model/samples.h"
#include "backends/service_model/service_model.h"

namespace bpc::backends::service {

struct SkippedTests {
  std::string tests;   // "entity `Patient`: CRUD, constraint and workflow tests"
  std::string reason;  // "no sample for `handle`: ..."
};

// How a relation route's test links a record to the owner whose records the route lists.
enum class RelatedLink {
  Inverse,      // the record's reference names the owner (`appointment.patient`)
  InverseMany,  // the record's list of references holds the owner's id
  Owned,        // the owner's list of references holds the record's id
  // The record's `@tenant` (`@owner`) reference names the owner: the service sets it from the
  // caller, so the owner is the record of the caller's tenant (identity).
  Tenant,
  Subject,
};

// The link's name in the generated harnesses: "inverse", "inverseMany", "owned", "tenant",
// "subject" (C++ capitalizes it).
std::string_view related_link_name(RelatedLink link);

class TestPlan {
 public:
  TestPlan(const ServiceModel& model, const Samples& samples);

  bool creatable(ir::EntityId entity) const { return creatable_[entity.index]; }
  // The creatable entities, in declaration order.
  const std::vector<ir::EntityId>& creatable_entities() const { return creatable_list_; }
  // The fields a sample create body sets: the required ones, and optional ones with a sample that
  // are not references.
  std::vector<ir::FieldId> sample_fields(ir::EntityId entity) const;
  // Whether the tests can call a custom operation, a transition or a relation route with valid
  // arguments: a role may always call it, every required argument has a sample, and the records
  // it addresses (a trigger's, a relation's two sides) can be made. "" when they can, else why not.
  const std::string& why_not_callable(ir::OperationId op) const { return not_callable_[op.index]; }
  // Whether the tests can make a handler that fires a trigger run (`handler h on E triggers t on
  // e.path`): a create the tests can call raises E with the new record first on the path, and t
  // has a transition from the workflow's initial state. "" when they can, else why not.
  std::string why_not_testable(ir::EventId event, const ir::Handler& handler) const;
  // The create operation whose event starts the handler's test (see why_not_testable).
  ir::OperationId raising_create(ir::EventId event, const ir::Handler& handler) const;
  // Every group of tests that could not be written, with its reason.
  const std::vector<SkippedTests>& skipped() const { return skipped_; }

  // What the handlers that a test's create sets off do to the new record itself: a handler that
  // fires a trigger on the record its event carries (`handler h on Requested triggers confirm on
  // booking`, Requested raised by the create) moves it on right after the create answers, and the
  // events of that transition may fire more. The tests then find the record in these states and
  // with these fields written since.
  //
  // The state a new record of workflow `w`'s entity is in once those handlers ran (stub guards
  // allow): the initial state, unless a handler moved it.
  std::uint32_t settled_state(ir::WorkflowId w) const { return settled_state_[w.index]; }
  // The fields of `entity` those handlers write (workflow states, `sets` fields, `@updatedAt`
  // fields), in declaration order; empty when no handler fires on a new record.
  const std::vector<ir::FieldId>& changed_after_create(ir::EntityId entity) const {
    return changed_after_create_[entity.index];
  }
  // The transition a transition operation's trigger takes from the state new records start in
  // (settled_state), or null when the trigger is illegal there.
  const ir::Transition* transition_from_start(ir::OperationId op) const;
  // How the test of a relation route (an operation of kind Related) links its records.
  RelatedLink related_link(const ir::Operation& route) const;
  // What a transition's `sets` writes that its answer shows, for the test to read back: every
  // assignment but those to a `@secret` field, which no answer carries.
  std::vector<ir::Assignment> answered_sets(const ir::Transition& transition) const;

 private:
  void find_creatable();
  void settle_creates();
  std::string creation_problem(ir::EntityId entity, std::vector<ir::EntityId>& needs) const;
  std::string call_problem(ir::OperationId op) const;
  std::string related_problem(const ir::Operation& op) const;

  const ServiceModel& model_;
  const Samples& samples_;
  std::vector<bool> creatable_;
  std::vector<ir::EntityId> creatable_list_;
  std::vector<std::string> not_creatable_;  // per entity: why not ("" when creatable)
  std::vector<std::string> not_callable_;   // per operation
  std::vector<SkippedTests> skipped_;
  std::vector<std::uint32_t> settled_state_;                 // per workflow
  std::vector<std::vector<ir::FieldId>> changed_after_create_;  // per entity
};

}  // namespace bpc::backends::service
