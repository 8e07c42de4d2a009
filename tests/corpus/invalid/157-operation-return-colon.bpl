// invalid: the return type follows `->`, not `:`.
api A {
  operation f(): string
}
