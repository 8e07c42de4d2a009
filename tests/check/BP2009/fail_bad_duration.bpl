// BP2009: a `duration` in months (their length varies).

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  every: duration = "P1M"
}
