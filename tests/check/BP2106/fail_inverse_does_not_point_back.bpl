// BP2106: the named field refers to another entity.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(shop)
}

entity Shop {
  id: uuid @id @generated
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  shop: Shop
}
