// BP2207 (warning): a guard that no transition uses.

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
  guard isPaid
  guard isOverdue
  open -> paid on pay by Clerk
  paid -> closed on close by Clerk when isPaid
}
