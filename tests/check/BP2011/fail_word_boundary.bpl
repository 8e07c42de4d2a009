// BP2011: word boundaries are not in the dialect.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("\\bfoo\\b")
}
