// BP2106: the named field is not a reference at all.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customerId)
}

entity Order {
  id: uuid @id @generated
  customerId: uuid
}
