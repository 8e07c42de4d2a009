// BP2008: `@max` takes one number.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  age: int @max(1, 2)
}
