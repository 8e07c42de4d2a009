// The near-miss of the wrong-kind tests: every name used as its own kind.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
struct Address { city: string }

entity Order {
  id: uuid @id @generated
  status: Status = open
  address: Address?
}

event OrderClosed { order: Order }

workflow OrderLife on Order.status {
  open -> closed on close by Clerk emits OrderClosed
}

api ShopApi at "/api" {
  resource Order { list, get } with workflow OrderLife
  operation inspect(order: Order) -> Order by Clerk
}

policy Access {
  allow Clerk to read on Order, ShopApi, OrderLife
}

intent page "Orders" { uses ShopApi.inspect }
