// BP2208: a trigger parameter of the same name but another type does not fill the field.

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
  reason: text
}

workflow OrderLife on Order.status {
  open -> paid on pay by Clerk
  paid -> closed on close(reason: string) by Clerk emits OrderClosed
}
