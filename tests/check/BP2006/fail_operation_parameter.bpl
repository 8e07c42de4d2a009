// BP2006: an operation parameter declared twice.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation search(query: string, limit: int, query: string) by Clerk
}
