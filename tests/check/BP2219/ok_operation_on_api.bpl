// The near-miss of the BP2219 tests: an operation granted "on" its API.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Customer {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  operation purgeCache()
}

policy Access {
  allow Clerk to purgeCache on ShopApi
  allow Clerk to read on Customer
}
