// invalid: a decimal needs a digit before the point.
entity E {
  f: float = .5
}
