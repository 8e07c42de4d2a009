// ARGS: parse --dump-ast %s
entity A {
  x int
  y: string
}
