// Enum values may be keywords.
enum Keywords {
  blueprint, import, target, intent, priority, type, enum, struct, entity, event,
  role, policy, allow, deny, to, on, when, workflow, initial, guard, by, emits,
  api, at, resource, operation, with
}
