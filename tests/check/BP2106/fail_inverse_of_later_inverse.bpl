// BP2106, BUG in the message: `Customer.picks` names `Order.pickers`, itself an inverse side
// declared later in the file. The first error says "`Order.pickers` does not refer to
// `Customer`", which is false (it is a `list<Customer>`); it should say, like the second
// error, that `Order.pickers` is itself an inverse side. The message depends on declaration
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
