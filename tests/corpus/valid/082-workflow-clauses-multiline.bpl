// Transition clauses on separate lines.
workflow Booking on Appointment.status {
  requested, confirmed
    -> cancelled
    on cancel(
      reason: string,
    )
    by Receptionist,
       Admin
    when allowed
    emits AppointmentCancelled,
          audit.Cancelled
  confirmed -> completed on complete by Receptionist
}
