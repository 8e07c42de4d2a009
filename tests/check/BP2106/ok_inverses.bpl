// The near-miss of the BP2106 tests: one-to-many, one-to-one and many-to-many inverses, and
// two relations between the same entities, each with its own inverse.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
  referred: list<Order> @inverse(referrer)
  profile: Profile? @inverse(owner)
  groups: list<Group> @inverse(members)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  referrer: Customer?
}

entity Profile {
  id: uuid @id @generated
  owner: Customer @unique
}

entity Group {
  id: uuid @id @generated
  members: list<Customer>
}
