policy {
  allow Admin *
  allow Member to read on Order
}
