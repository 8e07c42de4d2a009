// The near-miss of the BP2204 tests: one trigger from several states, on one transition or
// several.

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
  open, paid -> closed on close by Clerk
  closed -> open on reopen by Clerk
  paid -> open on reopen by Clerk
}
