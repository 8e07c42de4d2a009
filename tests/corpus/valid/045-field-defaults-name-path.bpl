// Defaults that are names and dotted paths.
entity Appointment {
  status: AppointmentStatus = requested
  kind: Kind = Kind.walkIn
  flag: bool = true
  mode: Mode = config.defaults.mode
}
