// BP2204: two transitions leave `open` on `close`.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, paid, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> paid on pay by Clerk
  open -> closed on close by Clerk
  paid -> closed on close by Clerk
  open -> paid on close by Clerk
}
