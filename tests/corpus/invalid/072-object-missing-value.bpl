// invalid: an object entry without a value.
entity E {
  s: Settings = { a: }
}
