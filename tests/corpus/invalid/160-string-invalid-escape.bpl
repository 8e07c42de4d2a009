// invalid: `\q` is not an escape.
entity E {
  s: string = "a\qb"
}
