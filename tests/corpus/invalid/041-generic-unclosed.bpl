// invalid: the generic arguments are not closed.
entity E {
  tags: list<string
}
