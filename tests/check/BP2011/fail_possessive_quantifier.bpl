// BP2011: a possessive quantifier is not in the pattern dialect.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("^a++$")
}
