// invalid: stray `&`.
policy {
  allow Admin & Member to read
}
