// BP2209: one rule, two targets; only one of them has the trigger.

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
  allow Clerk to [read, close] on Order, Customer
}
