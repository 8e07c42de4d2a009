// BP2102: this file imports cycle_b.bpi, which imports cycle_c.bpi, which imports this file.

blueprint Shop {
  version "1.0.0"
}

import "cycle_b.bpi"

entity Customer {
  id: uuid @id @generated
}
