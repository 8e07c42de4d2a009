// BP2108: `..` may not lead out of the import roots (here: this file's directory).

blueprint Shop {
  version "1.0.0"
}

import "../BP2101/lib/customers.bpi"

entity Order {
  id: uuid @id @generated
}
