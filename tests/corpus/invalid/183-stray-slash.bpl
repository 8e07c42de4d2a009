// invalid: stray `/`.
api A at "/a" {
  resource Patient / Doctor
}
