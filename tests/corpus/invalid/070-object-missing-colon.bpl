// invalid: an object entry without `:`.
entity E {
  s: Settings = { a 1 }
}
