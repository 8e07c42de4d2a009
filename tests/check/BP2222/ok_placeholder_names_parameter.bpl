// The near-miss of the BP2222 tests: each placeholder names a parameter of its operation.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrder(orderId: uuid) @http(GET, "/orders/{orderId}") by Clerk
}
