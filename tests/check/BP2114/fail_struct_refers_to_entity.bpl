// BP2114: a struct field cannot refer to an entity.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

struct Delivery {
  to: Customer
  note: string?
}

entity Order {
  id: uuid @id @generated
  delivery: Delivery?
}
