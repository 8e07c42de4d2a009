// invalid: a name cannot start with a digit.
entity 1Patient {
  id: uuid
}
