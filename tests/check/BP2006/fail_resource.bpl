// BP2006: an API serves the same entity twice.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Customer { list, get }
  resource Customer { create }
}
