// invalid: the trigger's parameters are not closed.
workflow W on E.status {
  a -> b on cancel(reason: string
}
