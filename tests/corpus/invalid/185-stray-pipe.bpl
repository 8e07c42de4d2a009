// invalid: stray `|`.
entity E {
  a: int | string
}
