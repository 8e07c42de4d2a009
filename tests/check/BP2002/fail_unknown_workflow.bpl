// BP2002: a resource served with a workflow that does not exist.

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
  resource Order { list, get } with workflow OrderLif
}
