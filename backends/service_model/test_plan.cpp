#include "backends/service_model/test_plan.h"

#include <algorithm>
#include <deque>
#include <set>

#include <fmt/format.h>

namespace bpc::backends::service {

namespace {

using Kind = ir::Operation::Kind;

}  // namespace

TestPlan::TestPlan(const ServiceModel& model, const Samples& samples) : model_(model), samples_(samples) {
  const ir::Module& m = model.module();
  find_creatable();
  settle_creates();
  std::vector<bool> served(m.entities.size(), false);  // some operation of an API works on it
  for (const ir::Operation& op : m.operations) {
    if (!op.entity.is_none()) served[op.entity.index] = true;
  }
  for (std::uint32_t e = 0; e < m.entities.size(); ++e) {
    if (creatable_[e] || !served[e]) continue;
    skipped_.push_back({fmt::format("entity `{}`: CRUD, constraint and workflow tests", m.entities[e].name), not_creatable_[e]});
  }
  not_callable_.resize(m.operations.size());
  for (std::uint32_t i = 0; i < m.operations.size(); ++i) {
    const ir::Operation& op = m.operations[i];
    if (op.kind != Kind::Custom && op.kind != Kind::Transition && op.kind != Kind::Related) continue;
    not_callable_[i] = call_problem(ir::OperationId{i});
    // A transition of an entity the tests cannot create is counted with the entity, and so is a
    // relation route of one.
    if (not_callable_[i].empty() || (op.kind == Kind::Transition && !creatable_[op.entity.index]) ||
        (op.kind == Kind::Related && !creatable_[m.field(op.via).owner.index])) {
      continue;
    }
    const std::string_view what = op.kind == Kind::Custom ? "operation" : op.kind == Kind::Transition ? "transition" : "relation route";
    skipped_.push_back({fmt::format("{} `{}`", what, op.name), not_callable_[i]});
  }
  for (std::uint32_t e = 0; e < m.events.size(); ++e) {
    for (const ir::Handler& handler : m.events[e].handlers) {
      if (handler.trigger.empty()) continue;
      std::string problem = why_not_testable(ir::EventId{e}, handler);
      if (!problem.empty()) skipped_.push_back({fmt::format("handler `{}`", handler.name), std::move(problem)});
    }
  }
}

void TestPlan::settle_creates() {
  const ir::Module& m = model_.module();
  settled_state_.clear();
  for (const ir::Workflow& w : m.workflows) settled_state_.push_back(w.initial);
  changed_after_create_.assign(m.entities.size(), {});
  // Handlers that would fire each other forever are an error (BP2239); the bound only makes sure.
  std::size_t transitions = 0;
  for (const ir::Workflow& w : m.workflows) transitions += w.transitions.size();
  for (std::uint32_t e = 0; e < m.entities.size(); ++e) {
    const ir::OperationId create = model_.crud(ir::EntityId{e}, Kind::Create);
    if (create.is_none()) continue;
    std::set<std::uint32_t> changed;  // field indexes
    std::deque<ir::EventId> raised(model_.emits(create).begin(), model_.emits(create).end());
    for (std::size_t fired = 0; !raised.empty() && fired <= transitions; raised.pop_front()) {
      for (const ir::Handler& handler : m.events[raised.front().index].handlers) {
        if (handler.trigger.empty() || handler.path.size() != 1) continue;
        const ir::Type& start = model_.base(m.field(handler.path.front()).type);
        if (start.kind != ir::Type::Kind::Entity || start.declaration != e) continue;
        const ir::Workflow& w = m.workflows[handler.workflow.index];
        std::uint32_t& state = settled_state_[handler.workflow.index];
        for (std::uint32_t index : model_.transitions_with_trigger(handler.workflow, handler.trigger)) {
          const ir::Transition& t = w.transitions[index];
          if (std::find(t.from.begin(), t.from.end(), state) == t.from.end()) continue;
          state = t.to;
          changed.insert(w.state_field.index);
          for (const ir::Assignment& a : t.sets) changed.insert(a.field.index);
          raised.insert(raised.end(), t.emits.begin(), t.emits.end());
          ++fired;
          break;
        }
      }
    }
    if (changed.empty()) continue;
    for (ir::FieldId f : m.entities[e].fields) {
      if (m.field(f).constraints->updated_at || changed.contains(f.index)) changed_after_create_[e].push_back(f);
    }
  }
}

const ir::Transition* TestPlan::transition_from_start(ir::OperationId op) const {
  const ir::Operation& o = model_.module().operations[op.index];
  const ir::Workflow& w = model_.module().workflows[o.workflow.index];
  const std::uint32_t start = settled_state_[o.workflow.index];
  for (std::uint32_t index : model_.transitions_with_trigger(o.workflow, w.transitions[o.transition].trigger)) {
    const ir::Transition& t = w.transitions[index];
    if (std::find(t.from.begin(), t.from.end(), start) != t.from.end()) return &t;
  }
  return nullptr;
}

std::vector<ir::Assignment> TestPlan::answered_sets(const ir::Transition& transition) const {
  std::vector<ir::Assignment> answered;
  for (const ir::Assignment& a : transition.sets) {
    if (!model_.module().field(a.field).constraints->secret) answered.push_back(a);
  }
  return answered;
}

ir::OperationId TestPlan::raising_create(ir::EventId event, const ir::Handler& handler) const {
  const ir::Module& m = model_.module();
  const ir::EntityId source{model_.base(m.field(handler.path.front()).type).declaration};
  for (std::uint32_t i = 0; i < m.operations.size(); ++i) {
    const ir::Operation& o = m.operations[i];
    const std::vector<ir::EventId>& raised = model_.emits(ir::OperationId{i});
    if (o.kind == Kind::Create && o.entity == source && std::find(raised.begin(), raised.end(), event) != raised.end()) {
      return ir::OperationId{i};
    }
  }
  return ir::OperationId::none();
}

std::string TestPlan::why_not_testable(ir::EventId event, const ir::Handler& handler) const {
  const ir::Module& m = model_.module();
  const ir::EntityId source{model_.base(m.field(handler.path.front()).type).declaration};
  const ir::OperationId create = raising_create(event, handler);
  if (create.is_none() || (model_.secured() && !model_.caller(create)) || !creatable(source)) {
    return fmt::format("no create of `{}` that the tests can call raises `{}`", m.entity(source).name, m.events[event.index].name);
  }
  const ir::Workflow& w = m.workflows[handler.workflow.index];
  const bool from_initial = std::any_of(w.transitions.begin(), w.transitions.end(), [&](const ir::Transition& t) {
    return t.trigger == handler.trigger && std::find(t.from.begin(), t.from.end(), w.initial) != t.from.end();
  });
  if (!from_initial) return fmt::format("`{}` has no transition from the initial state of workflow `{}`", handler.trigger, w.name);
  return {};
}

std::string TestPlan::creation_problem(ir::EntityId id, std::vector<ir::EntityId>& needs) const {
  const ir::Module& m = model_.module();
  const ir::OperationId create = model_.crud(id, Kind::Create);
  if (!create.is_none() && model_.secured() && !model_.caller(create)) {
    return fmt::format("no role may always call its create operation `{}`", m.operations[create.index].name);
  }
  if (create.is_none()) {
    for (ir::FieldId f : model_.stored_fields(id)) {
      if (m.field(f).constraints->generated && !model_.generated_value(f)) {
        return fmt::format("it has no create route, and its generated field `{}` has no generator", m.field(f).name);
      }
    }
  }
  // The records that are tenants and identities of callers: the tests make two of each.
  for (const ir::FieldId scope : {model_.entity(id).tenant, model_.entity(id).owner}) {
    if (!scope.is_none() && !model_.referenced_entity(scope).is_none()) needs.push_back(model_.referenced_entity(scope));
  }
  for (ir::FieldId f : model_.create_fields(id)) {
    if (!model_.required_on_create(f)) continue;
    const ir::EntityId target = model_.referenced_entity(f);
    if (!target.is_none()) {
      needs.push_back(target);
      continue;
    }
    std::string reason;
    if (!samples_.valid(f, 1, &reason)) return fmt::format("no valid sample for `{}`: {}", m.field(f).name, reason);
  }
  return {};
}

void TestPlan::find_creatable() {
  const ir::Module& m = model_.module();
  const std::size_t count = m.entities.size();
  creatable_.assign(count, false);
  not_creatable_.assign(count, {});
  std::vector<std::size_t> waiting_for(count, 0);                 // required references not yet creatable
  std::vector<std::vector<std::uint32_t>> waiters(count);         // entity -> entities waiting for it
  std::vector<std::vector<ir::EntityId>> needs_of(count);
  std::vector<std::uint32_t> ready;
  for (std::uint32_t e = 0; e < count; ++e) {
    not_creatable_[e] = creation_problem(ir::EntityId{e}, needs_of[e]);
    if (!not_creatable_[e].empty()) continue;
    waiting_for[e] = needs_of[e].size();
    for (ir::EntityId needed : needs_of[e]) waiters[needed.index].push_back(e);
    if (needs_of[e].empty()) ready.push_back(e);
  }
  while (!ready.empty()) {
    const std::uint32_t e = ready.back();
    ready.pop_back();
    creatable_[e] = true;
    for (std::uint32_t waiter : waiters[e]) {
      if (--waiting_for[waiter] == 0) ready.push_back(waiter);
    }
  }
  for (std::uint32_t e = 0; e < count; ++e) {
    if (creatable_[e]) {
      creatable_list_.push_back(ir::EntityId{e});
    } else if (not_creatable_[e].empty()) {
      for (ir::EntityId needed : needs_of[e]) {
        if (creatable_[needed.index]) continue;
        not_creatable_[e] = fmt::format("it requires a `{}`, which the tests cannot create", m.entities[needed.index].name);
        break;
      }
    }
  }
}

std::vector<ir::FieldId> TestPlan::sample_fields(ir::EntityId entity) const {
  std::vector<ir::FieldId> out;
  for (ir::FieldId f : model_.create_fields(entity)) {
    if (model_.required_on_create(f) || (model_.referenced_entity(f).is_none() && samples_.valid(f, 1))) out.push_back(f);
  }
  return out;
}

// Whether the tests can link a record of each side: a fresh owner and one related record, through
// the list or the reference that stores the relation.
std::string TestPlan::related_problem(const ir::Operation& op) const {
  const ir::Module& m = model_.module();
  const ir::EntityId owner{m.field(op.via).owner.index};
  if (!creatable_[owner.index]) return not_creatable_[owner.index];
  if (!creatable_[op.entity.index]) {
    return fmt::format("it lists `{}` records, which the tests cannot create", m.entities[op.entity.index].name);
  }
  const ir::Relation& relation = m.relations[m.field(op.via).relation.index];
  const ir::EntityId stored_on = relation.source;
  const auto& create = model_.create_fields(stored_on);
  const RelatedLink link = related_link(op);
  if (link == RelatedLink::Tenant || link == RelatedLink::Subject) return {};
  if (std::find(create.begin(), create.end(), relation.field) == create.end()) {
    return fmt::format("`{}` is not given when a `{}` is created", m.field(relation.field).name, m.entities[stored_on.index].name);
  }
  const ir::Constraints c = model_.constraints(relation.field);
  if (relation.many && ((c.min_length && *c.min_length > 1) || (c.max_length && *c.max_length < 1))) {
    return fmt::format("`{}` cannot hold exactly one id", m.field(relation.field).name);
  }
  return {};
}

std::string_view related_link_name(RelatedLink link) {
  switch (link) {
    case RelatedLink::Inverse: return "inverse";
    case RelatedLink::InverseMany: return "inverseMany";
    case RelatedLink::Owned: return "owned";
    case RelatedLink::Tenant: return "tenant";
    case RelatedLink::Subject: return "subject";
  }
  return "";
}

RelatedLink TestPlan::related_link(const ir::Operation& route) const {
  const ir::Module& m = model_.module();
  const ir::Relation& relation = m.relations[m.field(route.via).relation.index];
  if (relation.field == route.via) return RelatedLink::Owned;
  if (relation.many) return RelatedLink::InverseMany;
  const EntityFacts& facts = model_.entity(relation.source);
  if (relation.field == facts.tenant) return RelatedLink::Tenant;
  if (relation.field == facts.owner) return RelatedLink::Subject;
  return RelatedLink::Inverse;
}

std::string TestPlan::call_problem(ir::OperationId id) const {
  const ir::Module& m = model_.module();
  const ir::Operation& op = m.operations[id.index];
  if (model_.secured() && !model_.caller(id)) return "no role may always call it";
  if (op.kind == Kind::Transition && !creatable_[op.entity.index]) return not_creatable_[op.entity.index];
  if (op.kind == Kind::Related) return related_problem(op);
  for (ir::FieldId f : op.parameters) {
    const ir::EntityId target = model_.referenced_entity(f);
    if (!target.is_none()) {
      if (!creatable_[target.index] && model_.required_on_create(f)) {
        return fmt::format("its argument `{}` needs a `{}`, which the tests cannot create", m.field(f).name,
                           m.entities[target.index].name);
      }
      continue;
    }
    std::string reason;
    if (!samples_.valid(f, 1, &reason) && model_.required_on_create(f)) {
      return fmt::format("no valid sample for its argument `{}`: {}", m.field(f).name, reason);
    }
  }
  return {};
}

}  // namespace bpc::backends::service
