// BP2002: `@inverse` names a field the other entity does not have.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customr)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
}
