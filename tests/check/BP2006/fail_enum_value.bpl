// BP2006: an enum value listed twice.

blueprint Shop {
  version "1.0.0"
}

enum Status { open, closed, open }

entity Order {
  id: uuid @id @generated
  status: Status = open
}
