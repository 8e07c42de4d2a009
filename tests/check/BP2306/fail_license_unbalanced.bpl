// BP2306: operators join identifiers, and parentheses must balance.
blueprint Shop {
  version "1.0.0"
  license "(MIT OR Apache-2.0"
}

entity Customer {
  id: uuid @id @generated
}
