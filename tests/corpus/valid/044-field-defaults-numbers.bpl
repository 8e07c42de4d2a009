// Number defaults of every form.
entity N {
  zero: int = 0
  answer: int = 42
  pi: float = 3.14
  big: float = 1e10
  small: float = 2.5E-3
  negative: int = -7
  spacedNegative: int = - 7
  negativeFloat: float = -0.25
  expUpper: float = 1E10
  expPlus: float = 1e+3
}
