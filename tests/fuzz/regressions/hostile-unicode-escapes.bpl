blueprint B {
  a "\u{D800}\u{DFFF}\u{110000}\u{FFFFFFF}\u{}\u{0}\u{10FFFF}\u{"
  b "\u{1F600}\u\x\"
}
