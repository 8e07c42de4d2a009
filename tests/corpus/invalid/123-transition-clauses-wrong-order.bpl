// invalid: `by` must come before `when`.
workflow W on E.status {
  guard g
  a -> b on go when g by Admin
}
