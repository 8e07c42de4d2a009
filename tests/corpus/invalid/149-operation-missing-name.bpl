// invalid: an operation without a name.
api A {
  operation () -> string
}
