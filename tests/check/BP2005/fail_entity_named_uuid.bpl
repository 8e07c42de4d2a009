// BP2005: an entity named like a built-in type.

blueprint Shop {
  version "1.0.0"
}

entity uuid {
  id: int @id @generated
}
