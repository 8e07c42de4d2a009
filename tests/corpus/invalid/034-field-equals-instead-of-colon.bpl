// invalid: `=` used instead of `:`.
struct S {
  a = 1
}
