// ARGS: check --import-root .. %s
// --import-root widens where imports may go.

blueprint Shop {
  version "1.0.0"
}

import "../BP2101/lib/customers.bpi"

entity Order {
  id: uuid @id @generated
}
