// BP2022: a default above `@max`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  rating: float = 5.5 @max(5)
}
