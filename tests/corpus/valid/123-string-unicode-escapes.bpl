// Unicode escapes with one to six hex digits.
entity E {
  a: string = "\u{41}"
  smile: string = "\u{1F600}"
  one: string = "\u{0}"
  max: string = "\u{10FFFF}"
  lower: string = "\u{00e9}"
  mixedCase: string = "\u{AbC}"
  six: string = "\u{01F600}"
  many: string = "\u{48}\u{49}\u{21}"
}
