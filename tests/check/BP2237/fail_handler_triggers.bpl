// BP2237: a handler fires a trigger on a record the path leads to: from a field of the event
// holding a record, through single stored references, to a record of an entity with exactly one
// workflow that has the trigger. BP2002 for names the event or the entities do not have, BP2209
// for a trigger no workflow of the record's entity has.
blueprint Pay {
  version "1.0.0"
}

enum OrderStatus { open, paid }
enum Review { pending, done }

entity Order {
  id: uuid @id @generated
  status: OrderStatus = open
  review: Review = pending
  payments: list<Payment> @inverse(order)
}

entity Payment {
  id: uuid @id @generated
  order: Order
  method: string
}

event PaymentCaptured { payment: Payment, method: string, note: string? }

workflow Fulfilment on Order.status {
  open -> paid on pay
}

workflow Checking on Order.review {
  pending -> done on pay
}

handler a on PaymentCaptured triggers pay on method
handler b on PaymentCaptured triggers pay on payment.order.payments
handler c on PaymentCaptured triggers pay on payment.ordr
handler d on PaymentCaptured triggers pay on pament
handler e on PaymentCaptured triggers refund on payment.order
handler f on PaymentCaptured triggers pay on payment.order
