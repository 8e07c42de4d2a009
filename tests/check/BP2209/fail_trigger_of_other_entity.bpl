// BP2209: `close` is a trigger of a workflow on Order, not on Customer.

blueprint Shop {
  version "1.0.0"
}

role Clerk
role Admin

enum Status { open, closed }

entity Customer {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close
}

policy Access {
  allow Clerk to close on Order
  allow Admin to close on Customer
}
