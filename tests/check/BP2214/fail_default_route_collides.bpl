// BP2214: an operation without `@http` is served at `POST /kebab-name`; another operation
// claims that route explicitly.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation purgeCache() by Clerk
  operation clearCache() @http(POST, "/purge-cache") by Clerk
}
