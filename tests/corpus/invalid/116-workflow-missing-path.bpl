// invalid: `on` without the status field.
workflow Booking on {
  a -> b on go
}
