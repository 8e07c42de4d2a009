// BP2020: list elements cannot be optional.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  tags: list<string?> = []
}
