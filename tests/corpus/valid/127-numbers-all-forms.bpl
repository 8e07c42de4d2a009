// Every number form as a default, a property and a decorator argument.
entity N {
  a: int = 0
  b: int = 42
  c: float = 3.14
  d: float = 1e10
  e: float = 2.5E-3
  f: int = -7
  g: int = - 7
  h: float = 1.0e-0
  i: float = 0.5 @range(-1, 1.5, 2e2)
}
target t { n 0, 42, 3.14, 1e10, 2.5E-3, -7, - 7 }
