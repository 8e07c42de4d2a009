// BP2021: `@precision` with more digits after the point than in all.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  price: decimal @precision(2, 5)
}
