// invalid: `?` belongs after the type, not after the name.
entity Patient {
  phone?: string
}
