// BP2402 (warning): enum, struct and event names are PascalCase.

blueprint Shop {
  version "1.0.0"
}


enum order_status { open, closed }
struct postal_address { city: string }

entity Order {
  id: uuid @id @generated
  status: order_status = open
  address: postal_address?
}

event order_placed { order: Order }
