// invalid: `2.5E-` is a malformed number.
entity E {
  f: float = 2.5E-
}
