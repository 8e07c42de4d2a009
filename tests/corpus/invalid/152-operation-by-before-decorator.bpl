// invalid: decorators come before `by`.
api A {
  operation f() by Admin @http(GET)
}
