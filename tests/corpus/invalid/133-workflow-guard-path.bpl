// invalid: a guard is declared with a single name.
workflow W on E.status {
  guard rules.slotIsFree
  a -> b on go
}
