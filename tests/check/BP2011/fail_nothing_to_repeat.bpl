// BP2011: a quantifier with nothing to repeat.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  code: string @pattern("*abc")
}
