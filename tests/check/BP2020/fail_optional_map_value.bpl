// BP2020: map values cannot be optional.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  notes: map<string, text?> = {}
}
