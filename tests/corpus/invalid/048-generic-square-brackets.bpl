// invalid: generic arguments use `<>`, not `[]`.
entity E {
  tags: list[string]
}
