// BP2210 (warning): a trigger with no `by` and no policy rule granting it.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close
}
