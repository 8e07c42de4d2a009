// invalid: the role list takes no trailing comma.
policy {
  allow Admin, to read
}
