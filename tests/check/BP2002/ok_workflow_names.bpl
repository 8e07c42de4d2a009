// The near-miss of the unknown state, guard, role, event and workflow tests.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status
}

event OrderClosed { order: Order }

workflow OrderLife on Order.status {
  initial open
  guard isPaid
  open -> closed on close by Clerk when isPaid emits OrderClosed
}

api ShopApi at "/api" {
  resource Order { list, get } with workflow OrderLife
}
