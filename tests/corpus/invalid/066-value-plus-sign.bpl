// invalid: there is no unary `+`.
entity E {
  n: int = +5
}
