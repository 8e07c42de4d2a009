// BP2120: two fields claim to be the inverse of the same field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
  purchases: list<Order> @inverse(customer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
}
