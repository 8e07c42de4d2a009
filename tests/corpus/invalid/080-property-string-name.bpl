// invalid: a property name must be a name, not a string.
target t {
  "package" "x"
}
