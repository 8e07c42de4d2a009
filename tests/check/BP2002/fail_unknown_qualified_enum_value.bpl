// BP2002: a qualified default names a value the enum does not have.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = Status.shut
}
