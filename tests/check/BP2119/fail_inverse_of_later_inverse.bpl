// BP2119, BUG in the first error: `Customer.picks` names `Order.pickers`, itself an inverse
// side declared later in the file. The first error is BP2106, "`Order.pickers` does not refer
// to `Customer`", which is false (it is a `list<Customer>`); it should be BP2119, like the
// second error: `Order.pickers` is itself an inverse side. The code depends on declaration
// order.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
  picks: list<Order> @inverse(pickers)
}

entity Order {
  id: uuid @id @generated
  customer: Customer
  pickers: list<Customer> @inverse(orders)
}
