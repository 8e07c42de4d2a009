// invalid: stray `!`.
entity E {
  name: string!
}
