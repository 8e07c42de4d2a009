// invalid: `\u` must be followed by `{`.
entity E {
  s: string = "\u0041"
}
