// invalid: a transition has exactly one target state.
workflow W on E.status {
  a -> b, c on go
}
