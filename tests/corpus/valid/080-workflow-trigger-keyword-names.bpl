// Triggers named with keywords.
workflow W on E.status {
  a -> b on on
  b -> c on by by to
  c -> d on when when g
  d -> e on emits emits X
  e -> f on initial
  f -> g on guard
}
