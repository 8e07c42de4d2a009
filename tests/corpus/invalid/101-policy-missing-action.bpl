// invalid: a policy rule without an action.
policy {
  allow Admin to
}
