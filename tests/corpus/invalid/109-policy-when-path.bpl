// invalid: the `when` condition is a single name, not a path.
policy {
  allow Member to read when rules.isOwner
}
