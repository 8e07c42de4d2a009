// BP2210 (warning): a deny rule grants nothing.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation purgeCache()
}

policy Access {
  deny Clerk to purgeCache
}
