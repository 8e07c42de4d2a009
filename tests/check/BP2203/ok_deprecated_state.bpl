// The near-miss of the BP2203 tests: a `@deprecated` value need not be reachable.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status {
  open
  closed
  legacy @deprecated("Old records only.")
}

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
  legacy -> closed on settle by Clerk
}
