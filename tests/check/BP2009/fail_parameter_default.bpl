// BP2009: operation parameters' defaults are checked too.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation search(query: string, limit: int = "all") by Clerk
}
