// invalid: `-` must be followed by a number.
entity E {
  n: int = -x
}
