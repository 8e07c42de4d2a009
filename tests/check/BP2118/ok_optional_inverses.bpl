// The near-miss of the BP2118 tests: an inverse single reference that is optional, and one
// that is a list.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  profile: Profile? @inverse(owner)
  orders: list<Order> @inverse(customer)
}

entity Profile {
  id: uuid @id @generated
  owner: Customer @unique
}

entity Order {
  id: uuid @id @generated
  customer: Customer
}
