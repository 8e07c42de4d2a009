// A trigger granted "on" a workflow must be one of that workflow's triggers.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
enum Delivery { waiting, shipped }

entity Order {
  id: uuid @id @generated
  status: Status = open
  delivery: Delivery = waiting
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

workflow Shipping on Order.delivery {
  waiting -> shipped on ship by Clerk
}

policy Access {
  allow Clerk to ship on OrderLife
}
