// BP2220: one rule, two targets; `purgeCache` is an operation of AdminApi, not of ShopApi.

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
  allow Clerk to purgeCache on ShopApi, AdminApi
}
