// invalid: `=` without a default value.
entity Patient {
  name: string =
}
