// invalid: `by` without roles.
workflow W on E.status {
  a -> b on go by
}
