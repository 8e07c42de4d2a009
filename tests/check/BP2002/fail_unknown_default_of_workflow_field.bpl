// BP2002: the default of a workflow's field is not a state. CASCADE: a second error, BP2202
// "workflow `OrderLife` has no initial state", follows from the same typo, and its note
// ("give `Order.status` a default") is misleading since the field has one.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = opne
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}
