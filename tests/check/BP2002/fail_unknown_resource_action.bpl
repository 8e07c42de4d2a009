// BP2002: a resource offers an action that is not one of the five.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Customer { list, get, remove }
}
