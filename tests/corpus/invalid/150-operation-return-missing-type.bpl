// invalid: `->` without a return type.
api A {
  operation f() ->
}
