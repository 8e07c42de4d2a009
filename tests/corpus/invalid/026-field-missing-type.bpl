// invalid: a field without a type.
entity Patient {
  name:
}
