// KNOWN GAP: an API operation granted "on" an entity (operations belong to APIs) is
// accepted. Expected: BP2209 "`purgeCache` is an operation of API `ShopApi`, not an action on
// `Customer`".

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
  allow Clerk to purgeCache on Customer
}
