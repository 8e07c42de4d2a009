// BP2011: an unbalanced parenthesis.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^(ab$")
}
