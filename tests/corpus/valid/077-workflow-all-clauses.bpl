// A transition with every clause.
workflow W on E.status {
  guard g
  a, b -> c on go(reason: string, force: bool = false) by R1, R2 when g emits Ev1, ns.Ev2
}
