// BP2008: `@onDelete` takes cascade, restrict or setNull.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  customer: Customer @onDelete(nullify)
}
