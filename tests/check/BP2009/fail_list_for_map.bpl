// BP2009: a map default written as a list.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  prices: map<string, decimal> = []
}
