blueprint B {
  p "abc\