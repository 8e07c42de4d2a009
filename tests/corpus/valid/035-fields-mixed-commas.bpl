// Commas between fields are optional.
entity Mixed {
  a: int, b: int
  c: int
  d: int, e: int,
  f: int
}
