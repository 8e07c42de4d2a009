// BP2208: a field of another entity's type is not filled by the workflow's record.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

entity Customer {
  id: uuid @id @generated
}

event OrderClosed {
  order: Order
  customer: Customer
}

workflow OrderLife on Order.status {
  open -> paid on pay by Clerk
  paid -> closed on close by Clerk emits OrderClosed
}
