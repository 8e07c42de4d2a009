// BP2006: an event field declared twice.

blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
}

event OrderPlaced {
  order: Order
  at: datetime
  at: date
}
