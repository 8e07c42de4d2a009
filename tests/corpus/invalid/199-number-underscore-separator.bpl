// invalid: `_` is not a digit separator.
entity E {
  big: int = 1_000
}
