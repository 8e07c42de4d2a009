// The near-miss of the BP2212 tests: `/`, a nested path, and no `at` (meaning `/`).

blueprint Shop {
  version "1.0.0"
}

role Clerk

api RootApi at "/" {
  operation ping() by Clerk
}

api ShopApi at "/api/v1" {
  operation ping() by Clerk
}

api PlainApi {
  operation status() by Clerk
}
