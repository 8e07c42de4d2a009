// invalid: stray backtick.
entity E {
  `name`: string
}
