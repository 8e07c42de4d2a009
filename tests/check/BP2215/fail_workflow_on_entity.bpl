// BP2215: a workflow runs on a field, not on a whole entity.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order {
  open -> closed on close by Clerk
}
