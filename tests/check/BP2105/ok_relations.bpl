// The near-miss of the BP2105 tests: every relation shape of language.md section 6.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
  profile: Profile? @inverse(owner)
  referrer: Customer? @onDelete(setNull)
}

entity Profile {
  id: uuid @id @generated
  owner: Customer @unique @onDelete(cascade)
}

entity Order {
  id: uuid @id @generated
  customer: Customer @onDelete(restrict)
  tags: list<Tag>
}

entity Tag {
  id: uuid @id @generated
  orders: list<Order> @inverse(tags)
}

struct Delivery { customerId: uuid }

event OrderPlaced { order: Order, customer: Customer, delivery: Delivery? }
