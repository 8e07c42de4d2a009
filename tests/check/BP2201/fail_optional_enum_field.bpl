// BP2201: a workflow's field must be required.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status?
}

workflow OrderLife on Order.status {
  initial open
  open -> closed on close by Clerk
}
