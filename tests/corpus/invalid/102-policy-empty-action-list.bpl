// invalid: an action list needs at least one action.
policy {
  allow Admin to []
}
