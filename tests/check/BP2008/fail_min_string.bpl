// BP2008: `@min` takes a number, not a string.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  age: int @min("18")
}
