// invalid: `--` before a number.
entity E {
  n: int = --5
}
