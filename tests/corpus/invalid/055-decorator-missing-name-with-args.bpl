// invalid: `@` followed by arguments but no name.
entity E {
  id: uuid @(1)
}
