// The near-miss of the BP2211 tests: placeholders naming required scalar parameters (through
// an alias too), literal segments, and the root path.

blueprint Shop {
  version "1.0.0"
}

role Clerk

type Code = string @maxLength(8)

api ShopApi at "/api" {
  operation getOrder(id: uuid) @http(GET, "/orders/{id}") by Clerk
  operation getLine(id: uuid, line: int) @http(GET, "/orders/{id}/lines/{line}") by Clerk
  operation byCode(code: Code) @http(GET, "/codes/{code}") by Clerk
  operation search(query: string) @http(GET, "/orders/search") by Clerk
  operation home() @http(GET, "/") by Clerk
}
