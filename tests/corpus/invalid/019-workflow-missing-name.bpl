// invalid: a workflow without a name.
workflow on Order.status {
  a -> b on go
}
