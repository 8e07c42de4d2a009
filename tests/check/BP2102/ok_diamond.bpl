// The near-miss of the BP2102 tests: a diamond (two files importing a third) is not a cycle.

blueprint Shop {
  version "1.0.0"
}

import "lib/sales.bpi"
import "lib/billing.bpi"

entity Shop {
  id: uuid @id @generated
}
