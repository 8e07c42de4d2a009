// invalid: `1.2.3` is not a number.
target t {
  version 1.2.3
}
