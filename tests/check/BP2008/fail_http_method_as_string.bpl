// BP2008: the method of `@http` is a name, not a string.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation ping() @http("GET", "/ping") by Clerk
}
