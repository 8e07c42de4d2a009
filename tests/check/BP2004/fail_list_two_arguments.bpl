// BP2004: `list` takes one type argument.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  scores: list<int, int> = []
}
