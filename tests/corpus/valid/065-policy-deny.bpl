// Deny rules.
policy {
  deny Member to delete on Patient
  deny Guest to [create, update] on Appointment when afterHours
}
