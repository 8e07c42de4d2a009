// BP2205: `close` takes a string on one transition and text on the other.

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
  open -> closed on close(reason: string) by Clerk
  paid -> closed on close(reason: text) by Clerk
}
