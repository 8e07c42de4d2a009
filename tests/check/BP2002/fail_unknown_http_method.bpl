// BP2002: `@http` with a method that is not GET, POST, PUT, PATCH or DELETE.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation ping() @http(GETT, "/ping") by Clerk
}
