// BP2116: `@onDelete` on the inverse side of a relation.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer) @onDelete(cascade)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
}
