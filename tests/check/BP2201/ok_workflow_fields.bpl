// The near-miss of the BP2201 tests: two workflows on two enum fields of one entity, one
// through an alias, one with `initial` agreeing with the default.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
enum Payment { due, paid }
type PaymentState = Payment

entity Order {
  id: uuid @id @generated
  status: Status = open
  payment: PaymentState
}

workflow OrderLife on Order.status {
  initial open
  open -> closed on close by Clerk
}

workflow Paying on Order.payment {
  initial due
  due -> paid on pay by Clerk
}
