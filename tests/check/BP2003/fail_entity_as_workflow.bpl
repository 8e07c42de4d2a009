// BP2003: `with workflow` names an entity.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Customer { list, get } with workflow Customer
}
