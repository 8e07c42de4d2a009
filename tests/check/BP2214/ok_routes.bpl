// The near-miss of the BP2214 tests: the same path with different methods, a literal segment
// beside a placeholder, and the same route in two APIs with different base paths.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Order {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Order { list, get, create }
  operation replaceOrder(id: uuid) @http(PUT, "/orders/{id}") by Clerk
  operation searchOrders(query: string) @http(GET, "/orders/search") by Clerk
  operation purgeCache() by Clerk
}

api AdminApi at "/admin" {
  resource Order { list }
  operation purgeCache() by Clerk
}
