// invalid: `::` in a field.
entity Patient {
  name:: string
}
