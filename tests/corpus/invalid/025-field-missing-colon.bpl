// invalid: a field without `:`.
entity Patient {
  name string
}
