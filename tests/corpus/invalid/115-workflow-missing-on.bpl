// invalid: a workflow without `on path`.
workflow Booking {
  a -> b on go
}
