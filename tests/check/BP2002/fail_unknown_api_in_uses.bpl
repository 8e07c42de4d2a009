// BP2002: `uses Api.operation` with an API that does not exist.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation purgeCache() by Clerk
}

intent feature "Cache control" { uses ShopAPI.purgeCache }
