// BP2009: a string default for a `float` field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  ratio: float = "0.5"
}
