// A handler that fires a trigger on the order a captured payment belongs to, with the trigger's
// argument from the event, and one on the paid order itself: a chain, not a cycle.
blueprint Pay {
  version "1.0.0"
}

enum OrderStatus { open, paid, shipped }

entity Order {
  id: uuid @id @generated
  status: OrderStatus = open
  paidBy: string?
}

entity Payment {
  id: uuid @id @generated
  order: Order
  method: string
}

event PaymentCaptured { payment: Payment, method: string }
event OrderPaid { order: Order }

workflow Fulfilment on Order.status {
  open -> paid on pay(method: string) sets paidBy = method emits OrderPaid
  paid -> shipped on ship
}

/// Marks the order paid once its payment is captured.
handler markOrderPaid on PaymentCaptured triggers pay on payment.order
handler shipIt on OrderPaid triggers ship on order

api Shop {
  resource Order with workflow Fulfilment
  resource Payment { list, get, create emits PaymentCaptured }
}
