// Actions that raise events filled from the record, and handlers of them; the resource's IR
// keeps each action's event, and each event its handlers.
blueprint Shop {
  version "1.0.0"
}

entity Order {
  id: uuid @id @generated
  total: int
  note: string?
}

event OrderPlaced { order: Order, total: int, reason: string? }
event OrderGone { order: Order }

/// Tells the warehouse.
handler notifyWarehouse on OrderPlaced
handler archive on OrderGone

api Shop {
  resource Order { list, get, create emits OrderPlaced, update, delete emits OrderGone }
}
