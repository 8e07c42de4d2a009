// A named policy.
policy ClinicAccess {
  allow Admin to *
}
