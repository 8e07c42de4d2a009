// BP2223: a placeholder naming a list parameter.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrders(ids: list<uuid>) @http(GET, "/orders/{ids}") by Clerk
}
