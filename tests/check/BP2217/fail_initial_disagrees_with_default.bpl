// BP2217: `initial` and the field's default must agree.

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
  initial paid
  open -> paid on pay by Clerk
  paid -> closed on close by Clerk
}
