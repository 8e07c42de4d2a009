// BP2002: type names are not qualified (one namespace for all files).

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: shop.Status
}
