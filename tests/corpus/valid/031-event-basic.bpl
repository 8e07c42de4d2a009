// Event declarations.
event AppointmentConfirmed { appointment: Appointment, at: datetime }
event Ping {}
