// BP2208: `reason` of the event comes from neither the record, the trigger nor the entity.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

event OrderClosed {
  order: Order
  reason: string
}

workflow OrderLife on Order.status {
  open -> paid on pay by Clerk
  paid -> closed on close by Clerk emits OrderClosed
}
