// The near-miss of the BP2223 tests: a placeholder naming a required enum parameter.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

api ShopApi at "/api" {
  operation byStatus(status: Status) @http(GET, "/orders/by-status/{status}") by Clerk
}
