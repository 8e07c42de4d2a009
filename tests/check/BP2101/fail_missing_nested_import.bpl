// BP2101: the imported file exists but imports a file that does not.

blueprint Shop {
  version "1.0.0"
}

import "lib/broken.bpi"

entity Order {
  id: uuid @id @generated
}
