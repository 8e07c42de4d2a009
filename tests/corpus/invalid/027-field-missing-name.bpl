// invalid: a field without a name.
entity Patient {
  : string
}
