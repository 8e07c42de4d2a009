// invalid: `emits` must come last.
workflow W on E.status {
  a -> b on go emits Started by Admin
}
