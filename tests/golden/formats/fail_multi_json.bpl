// ARGS: check --format json %s
entity A {
  x int
  y: list<>
}
entty B {}
