// A workflow states its initial state once; a second `initial` is reported, with the first.

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
  initial open
  initial closed
  open -> closed on close by Clerk
  closed -> open on reopen by Clerk
}
