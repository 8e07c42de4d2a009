// BP2002: a transition uses a guard the workflow does not declare (it declares another).

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
  guard isPaid
  open -> closed on close by Clerk when isPayed
}
