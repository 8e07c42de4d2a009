// BP2006: a custom operation named like one the resource generates (`getOrder` for the `get`
// action of `resource Order`).

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Order {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  resource Order { list, get }
  operation getOrder(id: uuid) @http(GET, "/orders/{id}/full") by Clerk
}
