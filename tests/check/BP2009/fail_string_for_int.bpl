// BP2009: a string default for an `int` field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  age: int = "42"
}
