// invalid: `on` without resources.
policy {
  allow Admin to read on
}
