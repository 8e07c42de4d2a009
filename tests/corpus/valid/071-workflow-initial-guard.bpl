// A workflow with an initial state and guards.
workflow Booking on Appointment.status {
  initial requested
  guard slotIsFree
  guard isStaff
  requested -> confirmed on confirm when slotIsFree
}
