// invalid: `\u{41` is not closed.
entity E {
  s: string = "\u{41"
}
