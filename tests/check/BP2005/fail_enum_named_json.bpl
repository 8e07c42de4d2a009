// BP2005: an enum named like a built-in type.

blueprint Shop {
  version "1.0.0"
}

enum json { a, b }

entity Customer {
  id: uuid @id @generated
}
