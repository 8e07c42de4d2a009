// BP2006: an API declares an operation twice.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation purgeCache() by Clerk
  operation purgeCache() @http(DELETE, "/cache") by Clerk
}
