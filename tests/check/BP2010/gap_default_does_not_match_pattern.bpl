// KNOWN GAP: defaults must satisfy their constraints (language.md section 4), but a default
// that does not match `@pattern` or `@format` is accepted today.
// Expected: an error at "abc" (and at "nobody").

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = "abc" @pattern("^[0-9]+$")
  email: string = "nobody" @format(email)
}
