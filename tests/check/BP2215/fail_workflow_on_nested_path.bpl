// BP2215: `on Entity.field` has exactly two parts.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status.value {
  open -> closed on close by Clerk
}
