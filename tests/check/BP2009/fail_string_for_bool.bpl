// BP2009: a string default for a `bool` field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  active: bool = "true"
}
