// invalid: `=` followed by a decorator instead of a value.
entity Q {
  limit: int = @max(100)
}
