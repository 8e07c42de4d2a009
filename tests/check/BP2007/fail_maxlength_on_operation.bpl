// BP2007: `@maxLength` does not apply to an operation.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation search(query: string) -> list<string> @maxLength(10) by Clerk
}
