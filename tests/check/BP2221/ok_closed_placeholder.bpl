// The near-miss of the BP2221 tests: every `{` in the path closed, at the end and in between.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation getOrder(id: uuid) @http(GET, "/orders/{id}") by Clerk
  operation getLine(id: uuid, line: int) @http(GET, "/orders/{id}/lines/{line}") by Clerk
}
