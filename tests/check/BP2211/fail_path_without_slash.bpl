// BP2211: an `@http` path must start with `/`.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation ping() @http(GET, "ping") by Clerk
}
