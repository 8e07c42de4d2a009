// BP2223: a placeholder naming an entity parameter.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Order {
  id: uuid @id @generated
}

api ShopApi at "/api" {
  operation reopen(order: Order) @http(POST, "/orders/{order}/reopen") by Clerk
}
