// The near-miss of the BP2206 tests: the initial state can be left; terminal states may
// exist elsewhere.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> paid on pay by Clerk
  paid -> closed on close by Clerk
}
