// invalid (multi): several malformed numbers.
target t {
  a 10px
  b 1.
  c 0x1F
  d 1_000
}
