// invalid: an object key must be a name or a string.
entity E {
  s: Settings = { 1: 2 }
}
