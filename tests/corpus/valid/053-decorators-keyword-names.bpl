// Decorator names and arguments may be keywords.
entity E {
  a: string @type(x) @entity @on(to) @with(when, by) @initial
}
