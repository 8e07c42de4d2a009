// invalid: empty generic arguments.
entity E {
  tags: list<>
}
