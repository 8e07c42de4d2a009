// invalid: a comma after the last event.
workflow W on E.status {
  a -> b on go emits A,
}
