// invalid: a transition without `on`.
workflow W on E.status {
  a -> b go
}
