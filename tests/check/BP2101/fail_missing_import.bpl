// BP2101: an imported file that does not exist.

blueprint Shop {
  version "1.0.0"
}

import "missing.bpi"

entity Customer {
  id: uuid @id @generated
}
