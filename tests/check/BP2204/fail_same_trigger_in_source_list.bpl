// BP2204: a state listed twice among the sources of one transition.

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
  open, paid, open -> closed on close by Clerk
}
