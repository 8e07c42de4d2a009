// BP2002: HTTP methods are upper case.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation ping() @http(get, "/ping") by Clerk
}
