// The near-miss of the BP2209 tests: a trigger granted on its entity, on its workflow, and
// everywhere.

blueprint Shop {
  version "1.0.0"
}

role Clerk
role Admin

enum Status { open, closed }

entity Customer {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close
}

policy Access {
  allow Clerk to close on Order
  allow Admin to close on OrderLife
  deny Clerk to close when isLocked
  allow Admin to [read, list] on Customer
}
