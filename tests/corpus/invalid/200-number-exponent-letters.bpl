// invalid: `1.5ex` is a malformed number.
entity E {
  f: float = 1.5ex
}
