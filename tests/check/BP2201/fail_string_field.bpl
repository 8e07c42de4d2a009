// BP2201: a workflow's field must have an enum type.

blueprint Shop {
  version "1.0.0"
}

role Clerk

entity Order {
  id: uuid @id @generated
  status: string = "open"
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}
