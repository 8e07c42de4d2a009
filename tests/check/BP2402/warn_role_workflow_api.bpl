// BP2402 (warning): role, workflow and API names are PascalCase.

blueprint Shop {
  version "1.0.0"
}


role clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow order_life on Order.status {
  open -> closed on close by clerk
}

api shop_api at "/api" {
  resource Order
}
