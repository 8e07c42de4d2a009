// invalid: the parameter list is not closed.
api A {
  operation f(a: int -> string
}
