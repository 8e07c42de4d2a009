// The near-miss of the duplicate-member tests: the same names in different scopes.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
enum Reason { closed, open }

struct Address { city: string }

entity Customer {
  id: uuid @id @generated
  name: string @maxLength(100) @minLength(1)
  address: Address?
  flags: map<string, bool> = { news: true, offers: false }
}

entity Order {
  id: uuid @id @generated
  name: string
  status: Status = open
}

event OrderClosed { order: Order, name: string }

workflow OrderLife on Order.status {
  guard isPaid
  open -> closed on close(reason: string) by Clerk when isPaid emits OrderClosed
  closed -> open on reopen(reason: string) by Clerk when isPaid
}

api ShopApi at "/api" {
  resource Customer { list, get, create }
  resource Order { list, get }
  operation search(query: string, limit: int = 20) -> list<Customer> @http(GET, "/search") by Clerk
}

api AdminApi at "/admin" {
  resource Customer { delete }
  operation search(query: string) -> list<Order> @http(GET, "/search") by Clerk
}

intent page "Customers" { uses Customer description "All customers." }

target python { package "shop_api" }
target typescript { package "@shop/api" }
