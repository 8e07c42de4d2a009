// invalid: a number as a generic argument.
entity E {
  fixed: list<5>
}
