// The near-miss of the intent tests: every kind, every priority, both properties, every kind
// of `uses` name.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

event OrderClosed { order: Order }

workflow OrderLife on Order.status {
  open -> closed on close by Clerk emits OrderClosed
}

api ShopApi at "/api" {
  resource Order
  operation purgeCache() by Clerk
}

intent feature "Ordering" priority critical {
  description "Customers place and close orders."
  uses ShopApi, OrderLife, Order, OrderClosed, ShopApi.purgeCache
}
intent page "Orders" priority high { uses Order }
intent component "Order badge" priority medium { uses Status }
intent integration "Mailer" priority low { description "Sends mail." }
