// ARGS: ir --stop-after=desugar-resources %s
// Relation routes: one per list relation of a resource that serves `get`, when the API lists the
// related entity: an inverse one-to-many (`Customer.orders`), an owned many-to-many (`Order.tags`)
// and its inverse (`Tag.orders`). `Supplier.products` has none: the API does not list products.
// `/tags/{tagId}/orders` takes the placeholder name the API already uses on that route.
blueprint Shop { version "1.0.0" }
entity Customer {
  id: uuid @id @generated
  orders: list<Order> @inverse(customer)
}
entity Order {
  id: int @id @generated
  customer: Customer
  tags: list<Tag>
}
entity Tag {
  id: uuid @id @generated
  orders: list<Order> @inverse(tags)
}
entity Supplier {
  id: uuid @id @generated
  products: list<Product> @inverse(supplier)
}
entity Product {
  id: uuid @id @generated
  supplier: Supplier
}
api Shop {
  resource Customer { get }
  resource Order { list, get }
  resource Tag
  resource Supplier { get }
  resource Product { get }
  operation tagOrder(tagId: uuid, order: Order) @http(POST, "/tags/{tagId}/orders")
}
