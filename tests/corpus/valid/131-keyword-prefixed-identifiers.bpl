// Words that start with a keyword are ordinary identifiers.
entity entityX {
  types: list<typeName>
  onward: int
  tox: int
  emitsAll: bool
  Entity: Entity
}
role Allowed
policy { allow Allowed to toggle on onward when whenever }
