// BP2007: `@readonly` does not apply to a parameter.

blueprint Shop {
  version "1.0.0"
}

role Clerk

api ShopApi at "/api" {
  operation rename(name: string @readonly) by Clerk
}
