api Shop {
  resource Order { list } with Booking
}
