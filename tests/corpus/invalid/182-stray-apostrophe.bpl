// invalid: stray `'`.
entity E {
  patient's: string
}
