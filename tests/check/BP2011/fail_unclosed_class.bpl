// BP2011: a character class that is never closed.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^[a-z$")
}
