// invalid: `when` without a guard.
workflow W on E.status {
  a -> b on go when
}
