// invalid: a comma after the last source state.
workflow W on E.status {
  a, -> b on go
}
