// The near-miss of fail_unknown_action.bpl: built-in actions, an operation and a trigger.

blueprint Shop {
  version "1.0.0"
}

role Clerk
role Admin

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close
}

api ShopApi at "/api" {
  resource Order
  operation purgeCache()
}

policy Access {
  allow Clerk to [read, list, create, update] on Order
  allow Clerk to close on Order
  allow Admin to purgeCache on ShopApi
  deny Clerk to delete
}
