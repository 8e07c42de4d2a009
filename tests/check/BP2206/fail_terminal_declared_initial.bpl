// BP2206: the declared initial state has no way out.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { draft, open, closed }

entity Order {
  id: uuid @id @generated
  status: Status
}

workflow OrderLife on Order.status {
  initial closed
  draft -> open on submit by Clerk
  open -> closed on close by Clerk
}
