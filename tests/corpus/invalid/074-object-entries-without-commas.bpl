// invalid: object entries must be separated by commas.
target t {
  o { a: 1 b: 2 }
}
