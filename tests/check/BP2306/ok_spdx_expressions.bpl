// The near-miss of the BP2306 tests: compound expressions, exceptions and LicenseRef identifiers.
blueprint Shop {
  version "1.0.0"
  license "(Apache-2.0 OR MIT) AND GPL-2.0-or-later WITH Classpath-exception-2.0 OR LicenseRef-Shop-1.0+"
}

entity Customer {
  id: uuid @id @generated
}
