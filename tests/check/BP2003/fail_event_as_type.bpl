// BP2003: a field typed with an event (events are not data types).

blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
}

event OrderPlaced { order: Order }

entity Audit {
  id: uuid @id @generated
  what: OrderPlaced
}
