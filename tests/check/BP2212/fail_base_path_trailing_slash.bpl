// BP2212: an API base path must not end with `/` (the fix removes it).

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api/v1/" {
  operation ping() by Clerk
}
