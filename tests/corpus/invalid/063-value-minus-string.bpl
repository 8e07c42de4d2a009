// invalid: `-` before a string.
entity E {
  s: string = -"x"
}
