// A relation route (`GET /customers/{id}/orders`, operation kind `related`) indexed the service
// model's table of operations by kind past its end: the table was sized to the kinds before it.
blueprint Shop { version "1.0.0" }
entity Customer { id: uuid @id @generated, orders: list<Order> @inverse(customer) }
entity Order { id: uuid @id @generated, customer: Customer }
api Shop {
  resource Customer
  resource Order
}
