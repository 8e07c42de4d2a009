// The near-miss of the BP2217 tests: `initial` names the state the field's default names.

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
  initial open
  open -> paid on pay by Clerk
  paid -> closed on close by Clerk
}
