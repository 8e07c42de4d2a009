// The near-miss of the BP2220 tests: each operation granted "on" the API that has it.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation ping()
}

api AdminApi at "/admin" {
  operation purgeCache()
}

policy Access {
  allow Clerk to ping on ShopApi
  allow Clerk to purgeCache on AdminApi
}
