// invalid (multi): several broken transitions.
workflow W on E.status {
  initial a
  a b on go
  b -> c on
  c -> d on stop by
  d -> a on reset
}
