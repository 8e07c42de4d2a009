// invalid: a rule without roles.
policy {
  allow to read
}
