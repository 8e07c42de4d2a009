// The near-miss of the BP2101 tests: an import relative to the importing file.

blueprint Shop {
  version "1.0.0"
}

import "lib/customers.bpi"

entity Order {
  id: uuid @id @generated
  customer: Customer
}
