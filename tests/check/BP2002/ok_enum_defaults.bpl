// The near-miss of the unknown enum value tests: bare values, and `null` for an optional.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = open
  previous: Status = closed
  next: Status? = null
}
