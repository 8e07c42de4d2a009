// BP2008: `@max` without its bound.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  age: int @max
}
