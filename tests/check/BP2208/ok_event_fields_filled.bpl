// The near-miss of the BP2208 tests: every way an event field is filled (section 9).

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
  total: decimal
}

event OrderClosed {
  order: Order
  reason: string
  total: decimal
  status: Status
  note: string?
  snapshot: Order?
}

workflow OrderLife on Order.status {
  open -> paid on pay by Clerk
  paid -> closed on close(reason: string) by Clerk emits OrderClosed
}
