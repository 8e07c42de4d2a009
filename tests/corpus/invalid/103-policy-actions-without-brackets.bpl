// invalid: several actions must be written in brackets.
policy {
  allow Admin to read, write
}
