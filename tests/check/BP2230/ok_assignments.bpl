// A transition sets fields from its parameters (into an optional field too), to the current
// time, or clears them.
blueprint Shop {
  version "1.0.0"
}
role Clerk
enum OrderStatus { placed, shipped, failed, delivered }
entity Order {
  id: uuid @id @generated
  status: OrderStatus = placed
  trackingCode: string?
  shippedAt: datetime?
  error: string?
  attempts: int = 0
  code: string @readonly
}
event OrderShipped { order: Order, trackingCode: string }
workflow Fulfilment on Order.status {
  placed -> shipped on ship(trackingCode: string @minLength(3)) by Clerk
    sets trackingCode = trackingCode, shippedAt = now emits OrderShipped
  placed -> failed on fail(reason: string) by Clerk sets error = reason
  failed -> placed on retry by Clerk sets error = null, shippedAt = null
  shipped -> delivered on deliver by Clerk
}
policy { allow Clerk to * }
api Shop { resource Order with workflow Fulfilment }
