// An API operation belongs to its API: granting it "on" an entity is an error.

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
