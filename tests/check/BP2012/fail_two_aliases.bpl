// BP2012: two aliases of each other.

blueprint Shop {
  version "1.0.0"
}

type First = Second
type Second = First

entity Customer {
  id: uuid @id @generated
  name: First
}
