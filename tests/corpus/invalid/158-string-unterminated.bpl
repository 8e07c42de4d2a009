// invalid: a string that is never closed.
blueprint B {
  version "1.0.0
}
