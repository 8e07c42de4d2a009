// BP2223: a placeholder naming an optional parameter.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrder(id: uuid?) @http(GET, "/orders/{id}") by Clerk
}
