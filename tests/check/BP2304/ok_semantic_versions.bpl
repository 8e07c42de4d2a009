// The near-miss of the BP2304 tests: MAJOR.MINOR.PATCH with a pre-release and a build part.

blueprint Shop {
  version "1.4.0-rc.1+build.5"
}

entity Customer {
  id: uuid @id @generated
}
