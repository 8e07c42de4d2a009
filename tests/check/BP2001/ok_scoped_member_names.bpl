// Field, parameter, enum value and guard names are scoped to their declaration, so the same
// member name in two declarations is fine, and so is a member named like a declaration.

blueprint Shop {
  version "1.0.0"
}

role Clerk

enum Status { open, closed }
enum Visibility { open, hidden }

entity Customer {
  id: uuid @id @generated
  name: string
  status: Status = open
}

entity Order {
  id: uuid @id @generated
  name: string
  status: Status = open
  customer: Customer
}

workflow CustomerLife on Customer.status {
  guard isAllowed
  open -> closed on close by Clerk when isAllowed
}

workflow OrderLife on Order.status {
  guard isAllowed
  open -> closed on close by Clerk when isAllowed
}
