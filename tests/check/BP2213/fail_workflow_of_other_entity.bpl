// BP2213: `with workflow` names a workflow of another entity.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Customer {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

api ShopApi at "/api" {
  resource Order { list, get } with workflow OrderLife
  resource Customer { list, get } with workflow OrderLife
}
