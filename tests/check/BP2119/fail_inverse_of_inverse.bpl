// BP2119: the named field is itself an inverse side.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  buyers: list<Customer> @inverse(orders)
}
