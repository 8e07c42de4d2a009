// BP2006: a guard declared twice in one workflow.

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
  guard isPaid
  open -> closed on close by Clerk when isPaid
}
