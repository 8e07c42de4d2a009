// BP2008: `@inverse` takes a field name, not a string.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse("customer")
}

entity Order {
  id: uuid @id @generated
  customer: Customer
}
