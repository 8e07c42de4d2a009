// BP2230: a transition sets stored fields clients could change, to a parameter of their type,
// `now` (datetime fields) or `null` (optional fields); BP2002 for unknown fields and values,
// BP2006 for a field set twice.
blueprint Shop {
  version "1.0.0"
}
enum OrderStatus { placed, shipped }
entity Order {
  id: uuid @id @generated
  status: OrderStatus = placed
  trackingCode: string?
  shippedAt: datetime?
  attempts: int = 0
  code: string @readonly
  made: datetime @generated
}
workflow Fulfilment on Order.status {
  placed -> shipped on ship(trackingCode: int, n: int)
    sets trackingCode = trackingCode, attempts = now, code = n, status = n, made = now,
         attempts = null, trackingCod = n, shippedAt = later, attempts = n, attempts = n
}
