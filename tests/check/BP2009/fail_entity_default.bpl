// BP2009: a reference to an entity cannot have a default.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  customer: Customer? = null
  backup: Customer? = "123e4567-e89b-12d3-a456-426614174000"
}
