// invalid: stray `+`.
target t {
  n 1 + 2
}
