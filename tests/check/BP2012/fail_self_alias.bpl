// BP2012: an alias of itself.

blueprint Shop {
  version "1.0.0"
}

type Name = Name

entity Customer {
  id: uuid @id @generated
  name: Name
}
