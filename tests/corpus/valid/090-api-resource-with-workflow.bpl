// Resources bound to workflows.
api A {
  resource Appointment { list, get, create } with workflow Booking
  resource Order with workflow flows.OrderFlow
}
