// invalid: stray backslash.
entity E {
  a: int \
}
