// Events raised by resource actions, and event handlers; `handler` stays usable as a name.
entity Order { id: uuid @id @generated, handler: string }
event OrderPlaced { order: Order }
event OrderGone { order: Order }
/// Tells the warehouse.
handler notifyWarehouse on OrderPlaced
handler handler on OrderGone
handler qualified on events.OrderGone
api Shop {
  resource Order { list, create emits OrderPlaced, update, delete emits OrderGone, }
  resource handler { emits, get emits X.Y }
}
handler markPaid on PaymentCaptured triggers pay on payment.order
handler triggers on triggers triggers triggers on triggers.triggers
