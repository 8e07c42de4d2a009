// BP2203 (warning): `archived` and `purged` lead into each other but nothing leads to them
// from the initial state; both are reported.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed, archived, purged }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
  archived -> purged on purge by Clerk
  purged -> archived on restore by Clerk
}
