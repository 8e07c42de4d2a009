// invalid: `->` without a target state.
workflow W on E.status {
  a -> on go
}
