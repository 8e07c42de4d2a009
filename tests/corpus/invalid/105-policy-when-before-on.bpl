// invalid: `on` must come before `when`.
policy {
  allow Member to read when isOwner on Doctor
}
