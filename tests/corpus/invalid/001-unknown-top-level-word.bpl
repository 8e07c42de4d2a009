// invalid: `entty` is a typo for `entity`.
entty Patient {
  id: uuid
}
