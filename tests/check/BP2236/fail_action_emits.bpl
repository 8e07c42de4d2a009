// BP2236: reads raise no events, and an action's event must be fillable from the record (a
// field of the entity's type, fields of the same name and type, else optional). BP2006 for a
// handler name used twice, BP2002 for a handler of an unknown event.
blueprint Shop {
  version "1.0.0"
}
role Clerk
entity Order {
  id: uuid @id @generated
  total: int
  note: string?
}
event OrderPlaced { order: Order, total: int, reason: string? }
event OrderGone { order: Order, who: string }
event Noted { note: string }
/// Tells the warehouse.
handler notifyWarehouse on OrderPlaced
handler audit on OrderPlaced
handler audit on OrderGone
handler lost on Missing
api Shop {
  resource Order { list emits OrderPlaced, create emits OrderPlaced, update emits Noted, delete emits OrderGone }
}
policy P { allow Clerk to * }
