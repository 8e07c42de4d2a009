// BP2003: a workflow on an enum's "field" instead of an entity's.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Status.open {
  open -> closed on close by Clerk
}
