// BP2002: a transition leaves a state the enum does not have.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, shipped, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> shipped on ship by Clerk
  shiped -> closed on close by Clerk
}
