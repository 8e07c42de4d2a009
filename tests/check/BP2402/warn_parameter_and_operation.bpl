// BP2402 (warning): operation and parameter names are camelCase.

blueprint Shop {
  version "1.0.0"
}


role Clerk

api ShopApi at "/api" {
  operation Search(Query: string, max_results: int = 20) by Clerk
}
