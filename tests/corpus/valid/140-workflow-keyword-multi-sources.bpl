// Keywords as source states in a multi-source transition, after a complete transition.
workflow W on E.status {
  a -> b on go
  by, when -> c on x
  initial, guard -> d on y by initial, guard
  emits, to -> e on z
}
