// BP2009: `bytes` fields take no default.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  avatar: bytes = "aGVsbG8="
}
