workflow Flow on Order.status {
  draft placed on place
  placed -> shipped on ship
}
