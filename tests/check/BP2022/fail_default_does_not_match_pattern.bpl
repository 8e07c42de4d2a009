// Defaults must satisfy their constraints (language.md section 4): a default that does not
// match `@pattern` or `@format` is an error.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string = "abc" @pattern("^[0-9]+$")
  email: string = "nobody" @format(email)
}
