// BP2002: a transition emits an event that is not declared.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

event OrderClosed { order: Order }

workflow OrderLife on Order.status {
  open -> closed on close by Clerk emits OrderClose
}
