// invalid: a rule without `allow` or `deny`.
policy {
  Admin to read
}
