// invalid: one `}` too many.
entity Patient {
  id: uuid
}
}
