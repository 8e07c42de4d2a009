// BP2002: a resource for an entity that does not exist.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Customr { list, get }
}
