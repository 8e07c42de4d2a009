// BP2010: `@min` above `@max` on one field.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  age: int @min(10) @max(5)
}
