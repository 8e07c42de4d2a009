
blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = Status.closed
}
