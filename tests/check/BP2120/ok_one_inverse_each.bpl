// The near-miss of the BP2120 tests: two relations between the same entities, each with its
// own inverse.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
  purchases: list<Order> @inverse(buyer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  buyer: Customer?
}
