// An anonymous policy.
policy {
  allow Admin to *
  allow Receptionist to [read, create, update] on Patient, Appointment, Doctor
  allow Member to read on Doctor
}
