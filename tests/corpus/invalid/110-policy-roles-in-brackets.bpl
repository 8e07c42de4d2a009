// invalid: roles are listed without brackets.
policy {
  allow [Admin, Member] to read
}
