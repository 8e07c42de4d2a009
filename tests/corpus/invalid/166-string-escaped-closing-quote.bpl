// invalid: the closing quote is escaped, so the string never ends.
entity E {
  s: string = "abc\"
}
