// ARGS: fmt %s
entity A {
  x int
}
