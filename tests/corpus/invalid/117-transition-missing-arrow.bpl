// invalid: a transition without `->`.
workflow W on E.status {
  a b on go
}
