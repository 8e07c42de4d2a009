// invalid: the value of an assignment is a name (a parameter, `now` or `null`), not a literal
workflow W on E.s {
  a -> b on go sets f = "x"
}
