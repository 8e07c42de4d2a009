// BP2002: the default of an enum field is not one of its values.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed }

entity Order {
  id: uuid @id @generated
  status: Status = opne
}
