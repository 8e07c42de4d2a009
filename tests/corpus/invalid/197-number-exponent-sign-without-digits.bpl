// invalid: `1e+` is a malformed number.
entity E {
  f: float = 1e+
}
