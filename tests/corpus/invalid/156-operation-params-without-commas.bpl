// invalid: parameters must be separated by commas.
api A {
  operation f(a: int b: int)
}
