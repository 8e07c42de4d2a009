// BP2019: map keys are strings.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  byYear: map<int, string> = {}
}
