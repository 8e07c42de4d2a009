// invalid: `10px` is a malformed number.
target t {
  margin 10px
}
