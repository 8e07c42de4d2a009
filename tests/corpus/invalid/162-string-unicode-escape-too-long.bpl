// invalid: `\u{...}` takes at most six hex digits.
entity E {
  s: string = "\u{1234567}"
}
