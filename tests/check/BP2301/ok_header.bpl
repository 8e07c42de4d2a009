// The near-miss of the BP2301 tests: the smallest header.
blueprint Shop {}

entity Customer {
  id: uuid @id @generated
}
