// invalid: `on` without a trigger.
workflow W on E.status {
  a -> b on
}
