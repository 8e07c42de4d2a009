// BP2402 (warning): trigger parameters are camelCase.

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
  open -> closed on close(close_reason: string) by Clerk
}
