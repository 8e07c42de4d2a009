// BP2203 (warning): `refunded` has no transition into it.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed, refunded }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
  refunded -> closed on settle by Clerk
}
