// BP2009: an enum default written as a string.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Customer {
  id: uuid @id @generated
  status: Status = "open"
}
