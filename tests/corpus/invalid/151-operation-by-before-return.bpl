// invalid: the return type comes before `by`.
api A {
  operation f() by Admin -> string
}
