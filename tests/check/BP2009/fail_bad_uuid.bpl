// BP2009: a `uuid` default that is not a UUID.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  ref: uuid = "not-a-uuid"
}
