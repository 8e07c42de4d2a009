// invalid: identifiers are ASCII.
entity Patient {
  café: string
}
