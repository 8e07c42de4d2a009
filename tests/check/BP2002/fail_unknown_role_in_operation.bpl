// BP2002: an operation granted to a role that is not declared.

blueprint Shop {
  version "1.0.0"
}

role Admin

api ShopApi at "/api" {
  operation purgeCache() by Admn
}
