// invalid: chained transitions are not allowed.
workflow W on E.status {
  a -> b -> c on go
}
