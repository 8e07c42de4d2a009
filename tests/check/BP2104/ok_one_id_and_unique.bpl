// The near-miss of the BP2104 tests: one identity, other keys `@unique`.

blueprint Shop {
  version "1.0.0"
}

entity Customer {
  id: uuid @id @generated
  email: string @unique
  number: int @unique
}
