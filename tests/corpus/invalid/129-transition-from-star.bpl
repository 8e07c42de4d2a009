// invalid: `*` is not a state.
workflow W on E.status {
  * -> b on reset
}
