// BP2216: a field has at most one workflow.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
}

workflow OrderLife on Order.status {
  open -> closed on close by Clerk
}

workflow Closing on Order.status {
  open -> closed on shut by Clerk
}
