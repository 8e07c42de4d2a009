// invalid: `with` must be followed by `workflow`.
api A {
  resource Appointment { list } with Booking
}
