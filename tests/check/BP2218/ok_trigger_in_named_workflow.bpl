// The near-miss of the BP2218 tests: each trigger granted "on" the workflow that has it.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
enum Delivery { waiting, shipped }

entity Order {
  id: uuid @id @generated
  status: Status = open
  delivery: Delivery = waiting
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

workflow Shipping on Order.delivery {
  waiting -> shipped on ship by Clerk
}

policy Access {
  allow Clerk to ship on Shipping
  allow Clerk to close on OrderLife
}
