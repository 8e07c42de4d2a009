// invalid: a decorator name cannot be a number.
entity E {
  id: uuid @1
}
