// BP2102: this file imports cycle_two.bpi, which imports this file.

blueprint Shop {
  version "1.0.0"
}

import "cycle_two.bpi"

entity Customer {
  id: uuid @id @generated
}
