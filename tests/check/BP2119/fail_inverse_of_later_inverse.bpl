// BP2119 whatever the order: `Customer.picks` names `Order.pickers`, itself an inverse side
// declared later in the file, and `Order.pickers` names `Customer.orders`, an inverse side
// declared earlier. Both are BP2119 (it once depended on declaration order and gave BP2106,
// "does not refer to", for the first).

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
