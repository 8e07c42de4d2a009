// BP2022: a default below `@min`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  age: int = -1 @min(0)
}
