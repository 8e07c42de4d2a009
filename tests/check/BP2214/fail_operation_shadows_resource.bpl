// BP2214: an operation on the route of a resource action.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Order {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Order { list, get }
  operation allOrders() @http(GET, "/orders") by Clerk
}
