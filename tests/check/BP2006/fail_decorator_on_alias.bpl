// BP2006: a decorator given twice on a type alias, with different arguments.

blueprint Shop {
  version "1.0.0"
}

type Name = string @maxLength(100) @maxLength(50)

entity Customer {
  id: uuid @id @generated
  name: Name
}
