// BP2202: neither `initial` nor a default on the field.

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
  open -> closed on close by Clerk
}
