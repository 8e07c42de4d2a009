// BP2221: a `{` in the path that is never closed.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrder(id: uuid) @http(GET, "/orders/{id") by Clerk
}
