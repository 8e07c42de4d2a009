// invalid: a decorator name cannot be a string.
entity E {
  id: uuid @"id"
}
