// BP2005: a struct named like a built-in type.

blueprint Shop {
  version "1.0.0"
}

struct datetime { day: date }

entity Customer {
  id: uuid @id @generated
}
