// invalid: a policy rule without `to`.
policy {
  allow Admin read
}
