// BP2212: an API base path must start with `/`.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "api/v1" {
  operation ping() by Clerk
}
