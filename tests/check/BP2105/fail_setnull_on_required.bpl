// BP2105: `@onDelete(setNull)` on a required reference.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  customer: Customer @onDelete(setNull)
}
