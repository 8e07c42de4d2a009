// invalid: `initial` without a state.
workflow W on E.status {
  initial
}
