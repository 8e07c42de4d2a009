// BP2004: `list` without its element type.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  tags: list
}
