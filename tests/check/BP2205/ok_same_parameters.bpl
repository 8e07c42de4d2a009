// The near-miss of the BP2205 tests: the same parameters on every transition of a trigger
// (constraints may differ, the signature may not).

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
  open -> closed on close(reason: string, refund: bool) by Clerk
  paid -> closed on close(reason: string @minLength(3), refund: bool) by Clerk
}
