// BP2002: a field type close to a declared enum.

blueprint Shop {
  version "1.0.0"
}

enum OrderStatus { open, closed }

entity Order {
  id: uuid @id @generated
  status: OrderStatus
  previous: OrderStatuss?
}
