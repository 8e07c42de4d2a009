// invalid: rules start with `allow` or `deny`.
policy {
  permit Admin to read
}
