// BP2003: an operation parameter typed with a workflow.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

api ShopApi at "/api" {
  operation inspect(flow: OrderLife) by Clerk
}
