// invalid: `@` without a decorator name.
entity E {
  id: uuid @
}
