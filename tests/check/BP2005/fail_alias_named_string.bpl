// BP2005: a type alias named like a built-in type.

blueprint Shop {
  version "1.0.0"
}

type string = text

entity Customer {
  id: uuid @id @generated
}
