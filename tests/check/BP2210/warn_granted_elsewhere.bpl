// BP2210 (warning): the policy grants the operation on another API only.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation purgeCache()
}

api AdminApi at "/admin" {
  operation purgeCache()
}

policy Access {
  allow Clerk to purgeCache on AdminApi
}
