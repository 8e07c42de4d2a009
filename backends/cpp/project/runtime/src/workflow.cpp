// Workflow triggers and the payloads of declared events (service.h).

#include <algorithm>

#include "bpc/runtime/crud.h"
#include "bpc/runtime/problem.h"
#include "bpc/runtime/service.h"

namespace bpc::runtime {

Json event_payload(const Emit& emit, const EntityDescriptor& entity, const Json& record, const Json& arguments, Store& store) {
  Json out = Json::object();
  for (const auto& [member, value] : emit.members) {
    const Json& source = value.kind == EventValue::Kind::Argument ? arguments : record;
    const auto field = source.find(value.field);
    Json held = field == source.end() ? Json() : *field;
    switch (value.kind) {
      case EventValue::Kind::Record: out[member] = present(entity, record); break;
      case EventValue::Kind::Field:
      case EventValue::Kind::Argument:
        if (value.loaded != nullptr && !held.is_null()) {
          const std::optional<Json> loaded = store.repository(*value.loaded).get(held);
          held = loaded ? present(*value.loaded, *loaded) : Json();
        }
        out[member] = std::move(held);
        break;
      case EventValue::Kind::Null: out[member] = nullptr; break;
    }
  }
  return out;
}

Json fire(const Trigger& trigger, const EntityDescriptor& entity, Store& store, const Entities& entities, const Json& id,
          const Json& arguments, const Principal* principal, const std::map<std::string, Guard, std::less<>>& guards,
          std::vector<Event>& events) {
  Repository& repository = store.repository(entity);
  const Json current = get_or_not_found(repository, entity, id);
  check_references(store, entities, trigger.argument_references, arguments);
  const auto state = current.find(trigger.state_field);
  const std::string from = state != current.end() && state->is_string() ? state->get<std::string>() : std::string();
  for (const TransitionRule& rule : trigger.rules) {
    if (std::find(rule.from.begin(), rule.from.end(), from) == rule.from.end()) continue;
    if (!rule.guard.empty()) {
      const auto guard = guards.find(rule.guard);
      if (guard != guards.end() && guard->second &&
          guard->second(GuardRequest{trigger, current, arguments, principal, store}) == std::optional<bool>(false)) {
        throw conflict("guard " + rule.guard + " refused " + trigger.name);
      }
    }
    Json updated = current;
    updated[trigger.state_field] = rule.to;
    for (const Assignment& set : rule.sets) {
      switch (set.source) {
        case Assignment::Source::Now: updated[set.field] = now_datetime(); break;
        case Assignment::Source::Null: updated[set.field] = nullptr; break;
        case Assignment::Source::Argument:
          if (arguments.contains(set.argument)) updated[set.field] = arguments[set.argument];
          else if (!set.optional_argument) updated[set.field] = nullptr;
          break;
      }
    }
    touch(entity, updated);
    writing([&] { repository.replace(updated); });
    for (const Emit& emit : rule.emits) events.push_back(make_event(emit.event, event_payload(emit, entity, updated, arguments, store)));
    events.push_back(make_event(entity.name + ".updated", present(entity, updated)));
    return present(entity, updated);
  }
  throw conflict("illegal transition: " + trigger.name + " is not allowed from state " + (from.empty() ? "null" : from));
}

}  // namespace bpc::runtime
