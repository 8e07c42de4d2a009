// invalid: `1.` is a malformed number.
entity E {
  f: float = 1.
}
