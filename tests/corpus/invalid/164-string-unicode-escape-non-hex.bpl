// invalid: `G` is not a hex digit.
entity E {
  s: string = "\u{12G}"
}
