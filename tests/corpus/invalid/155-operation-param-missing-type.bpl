// invalid: a parameter without a type.
api A {
  operation f(a)
}
