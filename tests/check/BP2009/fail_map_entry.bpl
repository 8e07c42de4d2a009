// BP2009: a map default with an entry of the wrong type.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  prices: map<string, decimal> = { small: 1.5, large: "2" }
}
