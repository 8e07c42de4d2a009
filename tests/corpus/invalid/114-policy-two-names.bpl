// invalid: a policy has at most one name.
policy Clinic Access {
  allow Admin to *
}
