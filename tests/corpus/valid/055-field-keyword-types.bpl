// Type names and generic arguments may be keywords.
entity E {
  a: type
  b: entity?
  c: list<event>
  d: map<role, to.on>
}
