// invalid: strings are one line.
entity E {
  s: string = "line one
line two"
}
