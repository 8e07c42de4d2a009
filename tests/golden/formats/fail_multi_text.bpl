// ARGS: check --max-errors 2 %s
entity A {
  w int
  x int
  y int
  z int
}
