// BP2009: a list default with an element of the wrong type.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  scores: list<int> = [1, "two", 3]
}
