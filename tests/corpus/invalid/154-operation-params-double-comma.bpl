// invalid: two commas between parameters.
api A {
  operation f(a: int,, b: int)
}
