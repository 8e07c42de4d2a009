// invalid: `-` with nothing after it.
entity E {
  n: int = -
}
