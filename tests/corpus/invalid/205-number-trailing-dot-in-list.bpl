// invalid: `2.` is a malformed number.
target t {
  sizes [1, 2., 3]
}
