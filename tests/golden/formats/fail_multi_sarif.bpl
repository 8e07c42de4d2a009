// ARGS: check --format sarif %s
entity A {
  x int
  y: list<>
}
entty B {}
