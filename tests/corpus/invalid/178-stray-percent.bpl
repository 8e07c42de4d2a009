// invalid: stray `%`.
entity E {
  rate: float = 5%
}
