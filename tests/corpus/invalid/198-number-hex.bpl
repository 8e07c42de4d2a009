// invalid: there are no hex literals.
entity E {
  mask: int = 0x1F
}
