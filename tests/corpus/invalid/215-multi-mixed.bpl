// invalid (multi): a bad escape, a missing colon and an extra brace.
entity E {
  s: string = "a\qb"
  n int
}
}
role R
