// BP2009: an integer beyond the 64-bit range.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  count: int = 9223372036854775808
}
