// invalid: an operation needs a parameter list, even an empty one.
api A {
  operation ping -> string
}
