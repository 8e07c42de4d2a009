// BP2214: three operations bound to one route, among others; the second and the third are each
// reported against the first.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation findOrders(query: string) @http(GET, "/orders/search") by Clerk
  operation listOrders() @http(GET, "/orders") by Clerk
  operation searchOrders(term: string) @http(GET, "/orders/{term}") by Clerk
  operation lookUpOrders(text: string) @http(GET, "/orders/search") by Clerk
  operation placeOrder(text: string) @http(POST, "/orders/search") by Clerk
  operation queryOrders(text: string) @http(GET, "/orders/search") by Clerk
}
