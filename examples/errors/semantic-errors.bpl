// Semantic mistakes on purpose: this file parses, but `bpc check` finds what is wrong with it.
blueprint Shop {
  version "1.0.0"
}

enum OrderStatus { draft, placed, shipped }

entity Customer {
  id: uuid @id @generated
  email: string @format(email) @unique
  orders: list<Order> @inverse(custmer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  status: OrderStatus = draft
  total: decimal = 0 @min(10) @max(5)
}

role Clerk

workflow Fulfilment on Order.status {
  draft -> placed on place by Clerk
  placed -> shipped on ship by Clark
}
