// BP2210 (warning): an operation with no `by` and no policy rule granting it.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation purgeCache()
}
