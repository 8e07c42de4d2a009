// invalid: two commas in an action list.
policy {
  allow Admin to [read,, write]
}
