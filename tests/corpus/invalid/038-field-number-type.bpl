// invalid: a number where a type is expected.
entity E {
  a: 5
}
