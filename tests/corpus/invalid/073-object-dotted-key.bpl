// invalid: an object key cannot be a dotted path.
target t {
  o { a.b: 1 }
}
