// BP2006: a resource lists an action twice.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Customer { list, get, list }
}
