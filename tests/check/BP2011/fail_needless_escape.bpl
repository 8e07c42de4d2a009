// BP2011: escaping a character that needs none is an error in JavaScript's u mode, so in the dialect.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  email: string @pattern("^[a-z]+\\@example\\.com$")
}
