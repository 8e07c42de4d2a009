// BP2009: a decimal default for an `int` field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  count: int = 1.5
}
