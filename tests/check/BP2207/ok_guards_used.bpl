// The near-miss of warn_unused_guard.bpl: every guard is used, one of them twice.

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
  open -> paid on pay by Clerk when isOverdue
  paid -> closed on close by Clerk when isPaid
  open -> closed on cancel by Clerk when isPaid
}
