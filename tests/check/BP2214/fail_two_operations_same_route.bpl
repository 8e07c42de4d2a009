// BP2214: two operations bound to the same method and path.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation findOrders(query: string) @http(GET, "/orders/search") by Clerk
  operation searchOrders(text: string) @http(GET, "/orders/search") by Clerk
}
