// BP2005: an event named like a built-in type.

blueprint Shop {
  version "1.0.0"
}

event bytes { size: int }

entity Customer {
  id: uuid @id @generated
}
