// BP2004: `map` takes a key and a value type.

blueprint Shop {
  version "1.0.0"
}


entity Customer {
  id: uuid @id @generated
  prices: map<decimal>
}
