// BP2222: a placeholder that names no parameter.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrder(id: uuid) @http(GET, "/orders/{orderId}") by Clerk
}
