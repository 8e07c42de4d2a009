// Transitions from several states.
workflow W on E.status {
  a, b, c -> d on finish
  d,e -> f on g
}
