// invalid: a blueprint header without a name.
blueprint {
  version "1.0.0"
}
