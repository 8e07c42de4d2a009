// invalid: the action list comes before `with workflow`.
api A {
  resource Appointment with workflow Booking { list, get }
}
