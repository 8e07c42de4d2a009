// invalid: `\u{}` needs at least one hex digit.
entity E {
  s: string = "\u{}"
}
