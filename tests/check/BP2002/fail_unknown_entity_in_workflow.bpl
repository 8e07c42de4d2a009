// BP2002: a workflow on an entity that does not exist.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Ordr.status {
  open -> closed on close by Clerk
}
