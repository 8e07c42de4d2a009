// Several resources after `on`.
policy {
  allow Receptionist to read on Patient, Appointment, Doctor
}
