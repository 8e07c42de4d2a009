// invalid: an api does not hold fields.
api A {
  version: string
}
