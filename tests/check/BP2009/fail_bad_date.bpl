// BP2009: a `date` default with month 13.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  since: date = "2024-13-01"
}
