// invalid: the decorator's `(` is not closed.
entity E {
  n: int @max(100
}
