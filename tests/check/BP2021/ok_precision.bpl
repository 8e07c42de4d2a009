// The near-miss of the BP2021 tests: as many digits after the point as in all, fewer, and none.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  share: decimal @precision(5, 5)
  price: decimal @precision(5, 2)
  units: decimal @precision(4, 0)
}
