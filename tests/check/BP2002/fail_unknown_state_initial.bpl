// BP2002: `initial` names a state the enum does not have.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status
}

workflow OrderLife on Order.status {
  initial opened
  open -> closed on close by Clerk
}
