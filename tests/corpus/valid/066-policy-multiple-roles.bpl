// Several roles in one rule.
policy {
  allow Admin, Receptionist, Doctor to read on Patient
}
