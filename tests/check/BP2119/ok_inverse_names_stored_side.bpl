// The near-miss of the BP2119 tests: each inverse names the field that stores the relation,
// whichever entity is declared first.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
  picks: list<Order> @inverse(picker)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  picker: Customer?
}
