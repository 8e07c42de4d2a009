// The near-miss of the BP2216 tests: two workflows on one entity, each on its own field.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
  review: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

workflow Reviewing on Order.review {
  open -> closed on approve by Clerk
}
