// BP2009: a `datetime` default without `T` and offset.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  at: datetime = "2024-05-01 09:30"
}
