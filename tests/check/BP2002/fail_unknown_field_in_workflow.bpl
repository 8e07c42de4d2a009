// BP2002: a workflow on a field the entity does not have.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.state {
  open -> closed on close by Clerk
}
