// invalid: there is no `\x` escape.
entity E {
  s: string = "\x41"
}
