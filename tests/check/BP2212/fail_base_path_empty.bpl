// BP2212: an empty base path does not start with `/`.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "" {
  operation ping() by Clerk
}
